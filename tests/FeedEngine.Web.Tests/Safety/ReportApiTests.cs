using System.Net;
using System.Net.Http.Json;
using static FeedEngine.Web.Tests.Safety.SafetyApi;

namespace FeedEngine.Web.Tests.Safety;

[Collection(AppCollection.Name)]
public sealed class ReportApiTests(FeedEngineApp app)
{
    [Fact]
    public async Task Report_thenAgain_returnsTheSameReport_andItWaitsInTheAdminQueue()
    {
        var (_, _, postId, _, _) = await CreatorWithPostAsync(app);
        var (viewer, _, _, _) = await app.SignUpAsync();

        var first = await viewer.PostAsJsonAsync("/api/reports", new { postId, reason = "harassment", details = "It insulted me." });
        var again = await viewer.PostAsJsonAsync("/api/reports", new { postId, reason = "harassment" });

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var report = (await first.Content.ReadFromJsonAsync<Report>())!;
        Assert.Equal(report.ReportId, (await again.Content.ReadFromJsonAsync<Report>())!.ReportId);
        Assert.Equal("open", report.Status);
        Assert.Equal("harassment", report.Reason);
        var mine = await viewer.GetFromJsonAsync<ReportList>("/api/reports/mine");
        Assert.Equal(report.ReportId, Assert.Single(mine!.Items).ReportId);
        var queue = await (await AdminAsync(app)).GetFromJsonAsync<AdminReportList>("/api/admin/reports");
        Assert.Contains(queue!.Items, r => r.Report.ReportId == report.ReportId);
    }

    [Theory]
    [InlineData("{\"reason\":\"spam\"}", HttpStatusCode.BadRequest)]
    [InlineData("{\"postId\":\"POST\",\"reason\":\"nonsense\"}", HttpStatusCode.BadRequest)]
    [InlineData("{\"postId\":\"POST\"}", HttpStatusCode.BadRequest)]
    [InlineData("{\"postId\":\"no-such-post\",\"reason\":\"spam\"}", HttpStatusCode.NotFound)]
    [InlineData("{\"postId\":\"POST\",\"reason\":\"spam\",\"turnSeq\":3}", HttpStatusCode.BadRequest)]
    public async Task Report_invalid_isAProblem(string body, HttpStatusCode expected)
    {
        var (_, _, postId, _, _) = await CreatorWithPostAsync(app);
        var (viewer, _, _, _) = await app.SignUpAsync();

        var response = await viewer.PostAsync("/api/reports", new StringContent(body.Replace("POST", postId), System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(expected, response.StatusCode);
        Assert.False(string.IsNullOrEmpty((await Problem.ReadAsync(response)).Detail));
    }

    [Fact]
    public async Task Unpublish_takesThePostOutOfTheFeed_andReporterAndCreatorSeeTheOutcome()
    {
        var (creator, _, postId, _, _) = await CreatorWithPostAsync(app, "Unpublish me");
        var (viewer, _, _, _) = await app.SignUpAsync();
        var report = (await (await viewer.PostAsJsonAsync("/api/reports", new { postId, reason = "hate" })).Content.ReadFromJsonAsync<Report>())!;
        Assert.True(await FeedShowsAsync(viewer, postId));

        var resolved = await (await AdminAsync(app)).PostAsJsonAsync($"/api/admin/reports/{report.ReportId}/unpublish", new { note = "Hate speech." });

        Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
        Assert.False(await FeedShowsAsync(viewer, postId));
        var mine = Assert.Single((await viewer.GetFromJsonAsync<ReportList>("/api/reports/mine"))!.Items);
        Assert.Equal("postUnpublished", mine.Status);
        Assert.Contains("taken down", mine.Outcome);
        Assert.Contains("Hate speech.", mine.Outcome);
        var theirs = Assert.Single((await creator.GetFromJsonAsync<ReportList>("/api/reports/about-my-posts"))!.Items);
        Assert.Equal("postUnpublished", theirs.Status);
        var queue = await (await AdminAsync(app)).GetFromJsonAsync<AdminReportList>("/api/admin/reports");
        Assert.DoesNotContain(queue!.Items, r => r.Report.ReportId == report.ReportId);
    }

    [Fact]
    public async Task Suspend_endsTheCreatorsTokens_andSignIn()
    {
        var (creator, _, postId, email, password) = await CreatorWithPostAsync(app);
        var (viewer, _, _, _) = await app.SignUpAsync();
        var report = (await (await viewer.PostAsJsonAsync("/api/reports", new { postId, reason = "spam" })).Content.ReadFromJsonAsync<Report>())!;
        Assert.Equal(HttpStatusCode.OK, (await creator.GetAsync("/api/auth/me")).StatusCode);

        var resolved = await (await AdminAsync(app)).PostAsJsonAsync($"/api/admin/reports/{report.ReportId}/suspend", new { });

        Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await creator.GetAsync("/api/auth/me")).StatusCode);
        var signIn = await app.CreateClient().PostAsJsonAsync("/api/auth/token", new { email, password });
        Assert.Equal(HttpStatusCode.Forbidden, signIn.StatusCode);
        Assert.Contains("suspended", (await Problem.ReadAsync(signIn)).Detail);
        Assert.False(await FeedShowsAsync(viewer, postId));
    }

    [Fact]
    public async Task Dismiss_keepsThePost_andASecondDecisionIsAConflict()
    {
        var (_, _, postId, _, _) = await CreatorWithPostAsync(app);
        var (viewer, _, _, _) = await app.SignUpAsync();
        var report = (await (await viewer.PostAsJsonAsync("/api/reports", new { postId, reason = "other" })).Content.ReadFromJsonAsync<Report>())!;
        var admin = await AdminAsync(app);

        var dismissed = await admin.PostAsJsonAsync($"/api/admin/reports/{report.ReportId}/dismiss", new { });
        var again = await admin.PostAsJsonAsync($"/api/admin/reports/{report.ReportId}/unpublish", new { });

        Assert.Equal(HttpStatusCode.OK, dismissed.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.True(await FeedShowsAsync(viewer, postId));
        Assert.Equal("dismissed", Assert.Single((await viewer.GetFromJsonAsync<ReportList>("/api/reports/mine"))!.Items).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsJsonAsync("/api/admin/reports/no-such-report/dismiss", new { })).StatusCode);
    }

    [Fact]
    public async Task AdminQueue_isForAdminsOnly()
    {
        var (viewer, _, _, _) = await app.SignUpAsync();
        var (creator, _, _, _) = await app.SignUpAsync("creator");

        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync("/api/admin/reports")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await creator.GetAsync("/api/admin/reports")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync("/api/admin/reports")).StatusCode);
    }
}
