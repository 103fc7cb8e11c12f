using System.Collections.Concurrent;
using System.Diagnostics;
using FeedEngine.Web.Hosting;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FeedEngine.Web.Tests.Hosting;

/// <summary>
/// A browser's WebSocket to the hub carries its access token in the query string; with every ASP.NET Core category at
/// Trace, such a connection leaves request lines in the log, and none of them (message or structured values) holds the
/// token. Nor does any tag of the request's trace activity.
/// </summary>
public sealed class AccessTokenLogTests(AccessTokenLogTests.LoggedApp app) : IClassFixture<AccessTokenLogTests.LoggedApp>
{
    [Fact]
    public async Task HubConnection_withATokenInTheQuery_neverWritesTheTokenToTheLog()
    {
        var token = await app.GuestTokenAsync();
        var tags = new ConcurrentQueue<string>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                foreach (var tag in activity.TagObjects) tags.Enqueue($"{tag.Key}={tag.Value}");
            },
        };
        ActivitySource.AddActivityListener(listener);

        // As a browser connects: the .NET client would send a header, a browser's WebSocket cannot.
        await using (var connection = new HubConnectionBuilder()
            .WithUrl($"{app.BaseUrl}/hubs/feed?access_token={Uri.EscapeDataString(token)}", o =>
            {
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
            })
            .Build())
        {
            await connection.StartAsync();
            // The hub admits signed-in viewers only: it took the token from the query.
            Assert.Equal(HubConnectionState.Connected, connection.State);
        }

        var lines = app.Lines.ToArray();
        // The request line of the WebSocket was logged, with the parameter kept and its value replaced.
        Assert.Contains(lines, l => l.Contains("/hubs/feed", StringComparison.Ordinal) && l.Contains("access_token=" + AccessTokenLogRedaction.Redacted, StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(token, StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(token[..40], StringComparison.Ordinal));
        Assert.DoesNotContain(tags, t => t.Contains(token[..40], StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("GET /hubs/feed?id=abc&access_token=eyJ.a-b_c.d", "GET /hubs/feed?id=abc&access_token=[redacted]")]
    [InlineData("?ACCESS_TOKEN=xyz&next=1 done", "?ACCESS_TOKEN=[redacted]&next=1 done")]
    [InlineData("'http://h/hubs/feed?access_token=t1' and \"?access_token=t2\"", "'http://h/hubs/feed?access_token=[redacted]' and \"?access_token=[redacted]\"")]
    [InlineData("no token here", "no token here")]
    [InlineData("my_access_token=kept", "my_access_token=kept")]
    public void Redact_replacesOnlyTheTokenValue(string text, string expected) =>
        Assert.Equal(expected, AccessTokenLogRedaction.Redact(text));

    /// <summary>The app with a provider that keeps every line (message, and each structured value) at Trace for ASP.NET Core.</summary>
    public sealed class LoggedApp : FeedEngineApp, IAsyncLifetime
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
        [
            .. base.Settings(),
            new("Inference:Model", "tiny"),
            new("Logging:LogLevel:Microsoft.AspNetCore", "Trace"),
        ];

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.AddSingleton<ILoggerProvider>(new CapturingProvider(Lines)));
        }

        public Task InitializeAsync()
        {
            StartKestrel();
            return Task.CompletedTask;
        }

        Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
    }

    sealed class CapturingProvider(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Capturing(categoryName, lines);

        public void Dispose()
        {
        }

        sealed class Capturing(string category, ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                lines.Enqueue($"{category}: {formatter(state, exception)} {exception}");
                if (state is IEnumerable<KeyValuePair<string, object?>> values)
                    foreach (var value in values) lines.Enqueue($"{category}: {value.Key}={value.Value}");
            }
        }
    }
}
