using FeedEngine.Storage;
using FeedEngine.Storage.Memory;
using FeedEngine.Storage.Posts;
using FeedEngine.Storage.Users;
using FeedEngine.Storage.Viewers;
using FeedEngine.Web.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FeedEngine.Web.Memory;

/// <summary>
/// What FeedEngine remembers about the signed-in viewer, and their say over it: list, delete one, delete all, turn
/// memory off or on. The facts come from the viewer's own messages (the engine extracts them after a session goes quiet).
/// </summary>
public static class MemoryEndpoints
{
    public const int MaxListed = 500;

    public static IEndpointRouteBuilder MapMemoryEndpoints(this IEndpointRouteBuilder app)
    {
        var memory = app.MapGroup("/api/me/memory").WithTags("Memory").RequireAuthorization(Policies.Viewer).DisableAntiforgery();
        memory.MapGet("/", ListAsync).WithSummary("Everything remembered about you, newest first, each with the message it came from.");
        memory.MapDelete("/", DeleteAllAsync).WithSummary("Forgets everything remembered about you.");
        memory.MapDelete("/{factId}", DeleteAsync).WithSummary("Forgets one remembered fact.");
        memory.MapGet("/settings", GetSettingsAsync).WithSummary("Whether memory is on for you.");
        memory.MapPut("/settings", PutSettingsAsync).WithSummary("Turns memory on or off. Off: nothing new is remembered and nothing is recalled; what is stored stays until you delete it.");
        app.MapPrivacyEndpoints();
        return app;
    }

    static string ViewerOf(HttpContext context) => FeedClaims.UserIdOf(context.User)!;

    static async Task<Ok<MemoryList>> ListAsync(
        HttpContext context, IMemoryRepository memory, IViewerProfileRepository profiles, IPostRepository posts, CancellationToken cancellationToken)
    {
        var viewerId = ViewerOf(context);
        var facts = await memory.ListAsync(viewerId, MaxListed, cancellationToken);
        var profile = await profiles.FindAsync(viewerId, cancellationToken);
        var titles = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var postId in facts.Select(f => f.PostId).Distinct(StringComparer.Ordinal))
            titles[postId] = (await posts.FindAsync(postId, cancellationToken))?.Published?.Title;
        return TypedResults.Ok(new MemoryList(profile?.MemoryOff != true, [.. facts.Select(f => MemoryFactView.From(f, titles.GetValueOrDefault(f.PostId)))]));
    }

    static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string factId, HttpContext context, IMemoryRepository memory, CancellationToken cancellationToken)
    {
        if (factId.Length > 400 || !await memory.DeleteAsync(ViewerOf(context), factId, cancellationToken))
            return TypedResults.Problem("You have no remembered fact with this id. List your memory to see the ids.", statusCode: StatusCodes.Status404NotFound, title: "No such fact");
        return TypedResults.NoContent();
    }

    static async Task<Ok<MemoryDeleted>> DeleteAllAsync(HttpContext context, IMemoryRepository memory, CancellationToken cancellationToken) =>
        TypedResults.Ok(new MemoryDeleted(await memory.DeleteAllAsync(ViewerOf(context), cancellationToken)));

    static async Task<Ok<MemorySettings>> GetSettingsAsync(HttpContext context, IViewerProfileRepository profiles, CancellationToken cancellationToken) =>
        TypedResults.Ok(new MemorySettings((await profiles.FindAsync(ViewerOf(context), cancellationToken))?.MemoryOff != true));

    static async Task<Results<Ok<MemorySettings>, ProblemHttpResult>> PutSettingsAsync(
        MemorySettingsRequest request, HttpContext context, IViewerProfileRepository profiles, TimeProvider time, CancellationToken cancellationToken)
    {
        if (request.MemoryOn is not { } on)
            return TypedResults.Problem("Send { \"memoryOn\": true } or { \"memoryOn\": false }.", statusCode: StatusCodes.Status400BadRequest, title: "Invalid memory setting");
        var viewerId = ViewerOf(context);
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            var profile = await profiles.FindAsync(viewerId, cancellationToken) ?? new ViewerProfileDocument { Id = viewerId };
            profile.MemoryOff = !on;
            profile.UpdatedAt = time.GetUtcNow().UtcDateTime;
            if (await profiles.SaveAsync(profile, cancellationToken) == WriteOutcome.Ok) return TypedResults.Ok(new MemorySettings(on));
        }
        return TypedResults.Problem("Your profile changed at the same moment. Try again.", statusCode: StatusCodes.Status409Conflict, title: "Try again");
    }
}

public sealed record MemoryList(bool MemoryOn, MemoryFactView[] Items);

public sealed record MemoryDeleted(long Deleted);

public sealed record MemorySettings(bool MemoryOn);

public sealed record MemorySettingsRequest(bool? MemoryOn);

/// <summary>One remembered fact as its viewer sees it: what, where it applies, and the message (post, session, turn) it came from.</summary>
public sealed record MemoryFactView(
    string FactId, string Text, string Scope, string PostId, string SourceSessionId, long SourceTurnSeq, string SourceText, DateTime CreatedAt, string? PostTitle = null)
{
    public static MemoryFactView From(MemoryFactDocument fact, string? postTitle = null) => new(
        fact.Id, fact.Text, fact.Scope == MemoryScope.Viewer ? "viewer" : "viewerOnPost", fact.PostId, fact.SourceSessionId, fact.SourceTurnSeq, fact.SourceText,
        fact.CreatedAt, postTitle);
}
