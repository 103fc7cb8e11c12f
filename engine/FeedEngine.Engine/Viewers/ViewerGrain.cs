using FeedEngine.Engine.Abstractions.Sessions;
using FeedEngine.Engine.Posts;
using FeedEngine.Engine.Sessions;
using FeedEngine.Storage;
using FeedEngine.Storage.Posts;
using FeedEngine.Storage.Sessions;
using FeedEngine.Storage.Users;
using Microsoft.Extensions.Options;

namespace FeedEngine.Engine.Viewers;

/// <summary>
/// A viewer: finds their current session on a post (the newest one they own, from storage, then remembered) or
/// creates one, and keeps their send allowance. Key: the viewer's user id.
/// </summary>
internal sealed class ViewerGrain(ISessionRepository sessions, IUserRepository users, IOptions<SessionOptions> options, TimeProvider time) : Grain, IViewerGrain
{
    readonly Dictionary<string, string> currentByPost = new(StringComparer.Ordinal);
    SendRateLimiter? limiter;

    string ViewerId => this.GetPrimaryKeyString();

    public async Task<SessionOutcome<SessionSnapshot>> StartSessionAsync(string postId)
    {
        if (CheckPostId(postId) is { } invalid) return invalid;
        if (!currentByPost.TryGetValue(postId, out var sessionId))
            sessionId = (await sessions.ListByOwnerAsync(ViewerId, postId, limit: 1)).FirstOrDefault()?.Id;
        if (sessionId is not null)
        {
            var snapshot = await GrainFactory.GetGrain<ISessionGrain>(sessionId).GetSnapshotAsync(ViewerId);
            if (snapshot.IsOk)
            {
                currentByPost[postId] = sessionId;
                return snapshot;
            }
        }
        return await NewSessionAsync(postId);
    }

    public async Task<SessionOutcome<SessionSnapshot>> NewSessionAsync(string postId)
    {
        if (CheckPostId(postId) is { } invalid) return invalid;
        // The same age rule as the feed: a post the feed would not show this viewer cannot be opened by its id either.
        if (await GrainFactory.GetGrain<IPostGrain>(postId).GetPublishedAsync() is { } post
            && post.Rating is { } rating
            && rating > AgeRatings.MaxFor((await users.FindAsync(ViewerId))?.BirthYear, time.GetUtcNow()))
        {
            return SessionOutcome<SessionSnapshot>.Rejected(SessionRejectionReason.NotFound,
                $"This post is rated {post.AgeRating}. Add your birth year to your account to open posts for older viewers.");
        }
        var sessionId = DocumentIds.New();
        var created = await GrainFactory.GetGrain<ISessionGrain>(sessionId).CreateAsync(ViewerId, postId);
        if (created.IsOk) currentByPost[postId] = sessionId;
        return created;
    }

    public Task<SendPermit> AcquireSendAsync()
    {
        limiter ??= new SendRateLimiter(options.Value.SendsPerMinute, time);
        var granted = limiter.TryAcquire(out var retryAfter);
        return Task.FromResult(new SendPermit { Granted = granted, RetryAfterSeconds = (int)Math.Ceiling(retryAfter.TotalSeconds) });
    }

    static SessionOutcome<SessionSnapshot>? CheckPostId(string? postId) =>
        string.IsNullOrWhiteSpace(postId) || postId.Length > SessionLimits.MaxIdLength
            ? SessionOutcome<SessionSnapshot>.Rejected(SessionRejectionReason.InvalidInput, "Name the post to open: a post id from the feed.")
            : null;
}
