using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text.Encodings.Web;
using FeedEngine.Storage;
using FeedEngine.Storage.Embedded;
using FeedEngine.Storage.Images;
using FeedEngine.Storage.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FeedEngine.Media.Tests.Uploads;

/// <summary>
/// A real Kestrel server on 127.0.0.1 with the embedded store, <c>AddMedia</c> and <c>MapMediaEndpoints</c> wired as
/// the web host wires them; a test scheme signs in whoever the <c>X-Test-User</c> header names.
/// </summary>
public sealed class MediaHost : IAsyncDisposable
{
    readonly WebApplication app;

    MediaHost(WebApplication app, string dataDirectory)
    {
        this.app = app;
        DataDirectory = dataDirectory;
        Client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()), Timeout = TimeSpan.FromMinutes(2) };
    }

    public HttpClient Client { get; }

    public string DataDirectory { get; }

    public int StoredImageCount => app.Services.GetRequiredService<EmbeddedDatabase>().Collection<ImageDocument>("images").Count();

    public int StoredFolderCount => Directory.GetDirectories(Path.Combine(DataDirectory, "images")).Length;

    public static async Task<MediaHost> StartAsync(params (string Key, string Value)[] media)
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "feedengine-media-tests", Guid.NewGuid().ToString("N"));
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(media.Select(s => KeyValuePair.Create<string, string?>($"{ImageUploadOptions.SectionName}:{s.Key}", s.Value)));
        builder.Services.Configure<StorageOptions>(o => o.DataDirectory = dataDirectory);
        builder.Services.AddEmbeddedStorage();
        builder.AddMedia();
        builder.Services.AddAuthentication(TestSignIn.SchemeName).AddScheme<AuthenticationSchemeOptions, TestSignIn>(TestSignIn.SchemeName, null);
        builder.Services.AddAuthorization(o => o.AddPolicy(Policies.Viewer, p => p.RequireAuthenticatedUser()));
        builder.Services.AddProblemDetails();

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.MapMediaEndpoints();
        await app.StartAsync();
        return new MediaHost(app, dataDirectory);
    }

    /// <summary>POSTs one file as <c>multipart/form-data</c> field <c>file</c>, signed in as <paramref name="user"/> (none: anonymous).</summary>
    public Task<HttpResponseMessage> UploadAsync(HttpContent file, string fileName, string declaredType, string? user = "viewer-1", bool expectContinue = false)
    {
        file.Headers.ContentType = MediaTypeHeaderValue.Parse(declaredType);
        var form = new MultipartFormDataContent { { file, "file", fileName } };
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/images") { Content = form };
        if (user is not null) request.Headers.Add(TestSignIn.Header, user);
        if (expectContinue) request.Headers.ExpectContinue = true;
        return Client.SendAsync(request);
    }

    public Task<HttpResponseMessage> UploadAsync(byte[] file, string user = "viewer-1") =>
        UploadAsync(new ByteArrayContent(file), "picture.jpg", "image/jpeg", user);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await app.DisposeAsync();
        if (Directory.Exists(DataDirectory)) Directory.Delete(DataDirectory, recursive: true);
    }

    /// <summary>Signs in the user named by the <c>X-Test-User</c> header; no header, no user.</summary>
    sealed class TestSignIn(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        public const string SchemeName = "Test";
        public const string Header = "X-Test-User";

        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            if (!Request.Headers.TryGetValue(Header, out var user) || string.IsNullOrEmpty(user)) return Task.FromResult(AuthenticateResult.NoResult());
            var identity = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, user!), new Claim(ClaimTypes.Role, UserRoles.Viewer)], SchemeName);
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
        }
    }
}
