using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bunit;
using FeedEngine.Web.Client.Pages;
using FeedEngine.Web.Client.Social;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace FeedEngine.Web.Tests.FeedUi;

/// <summary>The memory and privacy page against a fake FeedEngine API (the page's real API client, token and JSON in between).</summary>
public sealed class PrivacyPageTests : FeedUiContext
{
    readonly FakeApi api = new();

    public PrivacyPageTests()
    {
        Context.Services.AddScoped(_ => new FeedHttp(new HttpClient(api) { BaseAddress = new Uri("http://feed.test/") }));
    }

    /// <summary>Answers the calls the page makes; each test sets the memory it starts with.</summary>
    sealed class FakeApi : HttpMessageHandler
    {
        public List<object> Facts { get; } = [];
        public bool MemoryOn { get; set; } = true;
        public List<string> Requests { get; } = [];
        public HttpStatusCode? Fail { get; set; }

        public static object Fact(string id, string text, long turn, string? title = "The Lighthouse") => new
        {
            factId = id, text, scope = "viewer", postId = "demo-lighthouse", sourceSessionId = "s1", sourceTurnSeq = turn,
            sourceText = "my dog is called Biscuit", createdAt = new DateTime(2026, 11, 20, 9, 0, 0, DateTimeKind.Utc), postTitle = title,
        };

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var path = request.RequestUri!.AbsolutePath;
            var call = $"{request.Method} {path}";
            if (path == "/api/auth/browser-token") return new HttpResponseMessage(HttpStatusCode.Unauthorized);
            if (path == "/api/auth/guest")
                return Json(new { accessToken = "guest-token", viewerId = "guest-1", expiresAt = DateTimeOffset.UtcNow.AddYears(5) });
            var body = request.Content is null ? "" : " " + await request.Content.ReadAsStringAsync(cancellationToken);
            lock (Requests) Requests.Add(call + body);
            if (request.Headers.Authorization?.Parameter != "guest-token") return new HttpResponseMessage(HttpStatusCode.Unauthorized);
            if (Fail is { } status)
                return new HttpResponseMessage(status) { Content = JsonContent.Create(new { title = "Nope", detail = "The server is having a moment. Try again." }) };
            return call switch
            {
                "GET /api/me/memory" => Json(new { memoryOn = MemoryOn, items = Facts }),
                "DELETE /api/me/memory" => Json(new { deleted = Facts.Count }),
                "PUT /api/me/memory/settings" => Json(new { memoryOn = !MemoryOn }),
                "GET /api/me/export" => Json(new { account = new { userId = "guest-1" } }),
                "DELETE /api/me/account" => Json(new { sessions = 1, turns = 2, memoryFacts = 1, postStates = 0 }),
                _ when request.Method == HttpMethod.Delete && path.StartsWith("/api/me/memory/", StringComparison.Ordinal) => new HttpResponseMessage(HttpStatusCode.NoContent),
                _ => new HttpResponseMessage(HttpStatusCode.NotFound),
            };
        }

        static HttpResponseMessage Json(object body) => new(HttpStatusCode.OK) { Content = JsonContent.Create(body, options: JsonSerializerOptions.Web) };
    }

    IRenderedComponent<PrivacyPage> RenderLoaded()
    {
        var cut = Context.Render<PrivacyPage>();
        cut.WaitForAssertion(() => Assert.Equal("true", cut.Find("section.privacy").GetAttribute("data-ready")));
        return cut;
    }

    [Fact]
    public void Facts_showWhereEachCameFrom()
    {
        api.Facts.Add(FakeApi.Fact("f1", "The viewer's dog is called Biscuit.", 3));
        api.Facts.Add(FakeApi.Fact("f2", "The viewer likes <b>jazz</b>.", 5, title: null));

        var cut = RenderLoaded();

        var items = cut.FindAll("li.memory-fact");
        Assert.Equal(["f1", "f2"], items.Select(i => i.GetAttribute("data-fact-id")));
        Assert.Contains("From your message 3 in The Lighthouse", System.Text.RegularExpressions.Regex.Replace(items[0].TextContent, @"\s+", " "));
        Assert.Equal("/p/demo-lighthouse", items[0].QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("my dog is called Biscuit", items[0].QuerySelector("blockquote")!.TextContent);
        Assert.Contains("no longer available", items[1].TextContent);
        Assert.Null(items[1].QuerySelector("b"));
        Assert.Equal("Forget: The viewer's dog is called Biscuit.", items[0].QuerySelector("button")!.GetAttribute("aria-label"));
        Assert.True(cut.Find("[data-testid=memory-switch]").HasAttribute("checked"));
    }

    [Fact]
    public void ForgettingOneFact_deletesItOnTheServer_removesIt_andAnnounces()
    {
        api.Facts.Add(FakeApi.Fact("f1", "The viewer's dog is called Biscuit.", 3));
        api.Facts.Add(FakeApi.Fact("f2", "The viewer likes jazz.", 5));
        var cut = RenderLoaded();

        cut.Find("li[data-fact-id=f1] button").Click();

        cut.WaitForAssertion(() => Assert.Equal(["f2"], cut.FindAll("li.memory-fact").Select(i => i.GetAttribute("data-fact-id"))));
        Assert.Contains("DELETE /api/me/memory/f1", api.Requests);
        Assert.Contains("Forgotten: The viewer's dog is called Biscuit.", cut.Find("[role=status]").TextContent);
    }

    [Fact]
    public void ForgetEverything_asksFirst_andCancelKeepsEverything()
    {
        api.Facts.Add(FakeApi.Fact("f1", "The viewer's dog is called Biscuit.", 3));
        api.Facts.Add(FakeApi.Fact("f2", "The viewer likes jazz.", 5));
        var cut = RenderLoaded();

        cut.FindAll("button").Single(b => b.TextContent == "Forget everything").Click();
        Assert.Contains("Forget all 2 remembered facts?", cut.Find(".confirm").TextContent);
        cut.FindAll(".confirm button").Single(b => b.TextContent == "Cancel").Click();
        Assert.Empty(cut.FindAll(".confirm"));
        Assert.DoesNotContain(api.Requests, r => r == "DELETE /api/me/memory");

        cut.FindAll("button").Single(b => b.TextContent == "Forget everything").Click();
        cut.FindAll(".confirm button").Single(b => b.TextContent == "Yes, forget everything").Click();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=memory-empty]")));
        Assert.Contains("DELETE /api/me/memory", api.Requests);
        Assert.Contains("2 facts forgotten.", cut.Find("[role=status]").TextContent);
    }

    [Fact]
    public void TurningMemoryOff_savesTheSetting_andExplainsWhatOffMeans()
    {
        var cut = RenderLoaded();
        Assert.Contains("Nothing remembered", cut.Find("[data-testid=memory-empty]").TextContent);

        cut.Find("[data-testid=memory-switch]").Change(false);

        cut.WaitForAssertion(() => Assert.Contains("Off: nothing new is remembered", cut.Markup));
        Assert.Contains("PUT /api/me/memory/settings {\"memoryOn\":false}", api.Requests);
        Assert.False(cut.Find("[data-testid=memory-switch]").HasAttribute("checked"));
    }

    [Fact]
    public void DownloadMyData_fetchesTheExport_andHandsItToTheBrowserAsAFile()
    {
        var module = Context.JSInterop.SetupModule("./privacy.js");
        var download = module.SetupVoid("download", _ => true);
        download.SetVoidResult();
        var cut = RenderLoaded();

        cut.Find("[data-testid=download-data]").Click();

        cut.WaitForAssertion(() => Assert.Single(download.Invocations));
        var invocation = download.Invocations.Single();
        Assert.Matches(@"^feedengine-data-\d{4}-\d{2}-\d{2}\.json$", (string)invocation.Arguments[0]!);
        Assert.Contains("guest-1", (string)invocation.Arguments[1]!);
        Assert.Contains("GET /api/me/export", api.Requests);
    }

    [Fact]
    public void DeleteMyAccount_asksFirst_thenDeletes_forgetsTheToken_andReloadsSignedOut()
    {
        var cut = RenderLoaded();
        var navigation = Context.Services.GetRequiredService<NavigationManager>();

        cut.FindAll("button").Single(b => b.TextContent == "Delete my account…").Click();
        Assert.DoesNotContain(api.Requests, r => r.StartsWith("DELETE /api/me/account", StringComparison.Ordinal));
        cut.FindAll(".confirm button").Single(b => b.TextContent == "Yes, delete my account").Click();

        cut.WaitForAssertion(() => Assert.EndsWith("/?deleted=1", navigation.Uri));
        Assert.Contains("DELETE /api/me/account", api.Requests);
        Assert.Contains(Context.JSInterop.Invocations, i => i.Identifier == "localStorage.removeItem" && (string)i.Arguments[0]! == "feedengine.guest");
        Assert.Contains(Context.JSInterop.Invocations, i => i.Identifier == "sessionStorage.clear");
    }

    [Fact]
    public void ServerErrors_showAnAlert_andKeepThePage()
    {
        api.Facts.Add(FakeApi.Fact("f1", "The viewer's dog is called Biscuit.", 3));
        var cut = RenderLoaded();
        api.Fail = HttpStatusCode.ServiceUnavailable;

        cut.Find("li[data-fact-id=f1] button").Click();

        cut.WaitForAssertion(() => Assert.Contains("The server is having a moment", cut.Find("[role=alert]").TextContent));
        Assert.Single(cut.FindAll("li.memory-fact"));
    }

    [Fact]
    public void AFailedLoad_saysSo()
    {
        api.Fail = HttpStatusCode.InternalServerError;

        var cut = Context.Render<PrivacyPage>();

        cut.WaitForAssertion(() => Assert.Contains("Your memory could not be loaded", cut.Find("[role=alert]").TextContent));
    }
}
