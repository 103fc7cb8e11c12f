using System.Net.Http.Json;
using FeedEngine.Storage.Posts;
using Microsoft.Extensions.DependencyInjection;

namespace FeedEngine.Web.Tests.Safety;

/// <summary>Shared steps of the safety API tests: a creator with a published post, an admin, JSON shapes.</summary>
public static class SafetyApi
{
    public static async Task<(HttpClient Client, string CreatorId, string PostId, string Email, string Password)> CreatorWithPostAsync(FeedEngineApp app, string title = "A reported post")
    {
        var (client, account, email, password) = await app.SignUpAsync("creator");
        var posts = app.Services.GetRequiredService<IPostRepository>();
        var post = new PostDocument
        {
            Id = Guid.NewGuid().ToString("n"),
            CreatorId = account.UserId,
            CreatorName = account.Account.DisplayName,
            Draft = new PostContent { Title = title, Hook = "Talk to me", Kind = PostKind.Character },
            CreatedAt = DateTime.UtcNow,
            UpdatedAt = DateTime.UtcNow,
        };
        await posts.InsertAsync(post);
        // Far in the future: the post is on the first page of every feed while the test runs.
        await posts.PublishAsync(post, "test:" + post.Id, DateTime.UtcNow);
        return (client, account.UserId, post.Id, email, password);
    }

    /// <summary>The admin of <see cref="FeedEngineApp.AdminEmail"/>, signed up once for every test that shares the app.</summary>
    public static async Task<HttpClient> AdminAsync(FeedEngineApp app) => (await app.SignInAsAdminAsync()).Client;

    public sealed record Report(string ReportId, string PostId, string PostTitle, string Reason, string Status, string? Outcome, IReadOnlyList<string> Categories);

    public sealed record ReportList(IReadOnlyList<Report> Items);

    public sealed record AdminReport(Report Report, string ReporterId, string CreatorId);

    public sealed record AdminReportList(IReadOnlyList<AdminReport> Items);

    public sealed record FeedCard(string PostId, string Title);

    /// <summary>Whether the viewer's ranked feed shows the post on any page (the feed is ranked, not newest first).</summary>
    public static async Task<bool> FeedShowsAsync(HttpClient viewer, string postId)
    {
        string? cursor = null;
        for (var pages = 0; pages < 100; pages++)
        {
            var url = "/api/feed?pageSize=50" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor));
            var page = (await viewer.GetFromJsonAsync<FeedView>(url))!;
            if (page.Items.Any(c => c.PostId == postId)) return true;
            if ((cursor = page.Cursor) is null) return false;
        }
        throw new InvalidOperationException("The feed did not end within 100 pages.");
    }

    public sealed record FeedView(IReadOnlyList<FeedCard> Items, string? Cursor);

    public sealed record Quota(int Limit, int Used, int Remaining, DateTimeOffset ResetsAt);
}
