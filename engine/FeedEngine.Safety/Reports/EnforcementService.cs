using FeedEngine.Storage;
using FeedEngine.Storage.Posts;
using FeedEngine.Storage.Users;
using FeedEngine.Storage.Viewers;
using Microsoft.Extensions.Logging;

namespace FeedEngine.Safety.Reports;

/// <summary>
/// What enforcement changes in the stores: posts taken down (out of the feed, marked so they are not republished),
/// accounts suspended (no sign-in; a new security stamp ends every token and cookie), creators blocked by a viewer.
/// Every write is a versioned replace, retried on a concurrent change.
/// </summary>
public sealed partial class EnforcementService(
    IPostRepository posts,
    IUserRepository users,
    IViewerProfileRepository profiles,
    TimeProvider clock,
    ILogger<EnforcementService> logger)
{
    const int MaxAttempts = 5;

    /// <summary>False when the post does not exist.</summary>
    public async Task<bool> TakeDownPostAsync(string postId, string adminId, string reason, string? reportId, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            if (await posts.FindAsync(postId, cancellationToken) is not { } post) return false;
            var now = clock.GetUtcNow().UtcDateTime;
            if (post.Status == PostStatus.Published) post.Status = PostStatus.Archived;
            post.Takedown = new PostTakedown { At = now, Reason = reason, ReportId = reportId, By = adminId };
            post.UpdatedAt = now;
            if (await posts.UpdateAsync(post, cancellationToken) == WriteOutcome.Ok)
            {
                LogTakenDown(postId, adminId);
                return true;
            }
        }
        throw new InvalidOperationException($"Post {postId} kept changing while it was taken down.");
    }

    /// <summary>Suspends the account and takes down its published posts. False when the account does not exist.</summary>
    public async Task<bool> SuspendAsync(string userId, string adminId, string reason, string? reportId, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            if (await users.FindAsync(userId, cancellationToken) is not { } user) return false;
            var now = clock.GetUtcNow().UtcDateTime;
            user.IsSuspended = true;
            user.SuspendedAt = now;
            user.SuspensionReason = reason;
            user.SecurityStamp = DocumentIds.New();
            user.UpdatedAt = now;
            if (await users.UpdateAsync(user, cancellationToken) == WriteOutcome.Ok) break;
            if (attempt == MaxAttempts) throw new InvalidOperationException($"User {userId} kept changing while being suspended.");
        }
        foreach (var post in await posts.ListByCreatorAsync(userId, cancellationToken))
            if (post.Status == PostStatus.Published) await TakeDownPostAsync(post.Id, adminId, reason, reportId, cancellationToken);
        LogSuspended(userId, adminId);
        return true;
    }

    public async Task<IReadOnlyList<string>> BlockedCreatorsAsync(string viewerId, CancellationToken cancellationToken) =>
        (await profiles.FindAsync(viewerId, cancellationToken))?.BlockedCreatorIds ?? [];

    /// <summary>Adds (or removes) a creator on the viewer's block list; idempotent.</summary>
    public async Task SetBlockedAsync(string viewerId, string creatorId, bool blocked, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var profile = await profiles.FindAsync(viewerId, cancellationToken) ?? new ViewerProfileDocument { Id = viewerId };
            if (profile.BlockedCreatorIds.Contains(creatorId) == blocked) return;
            if (blocked) profile.BlockedCreatorIds.Add(creatorId);
            else profile.BlockedCreatorIds.Remove(creatorId);
            profile.UpdatedAt = clock.GetUtcNow().UtcDateTime;
            if (await profiles.SaveAsync(profile, cancellationToken) == WriteOutcome.Ok) return;
        }
        throw new InvalidOperationException($"The profile of {viewerId} kept changing while a block was saved.");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Post {PostId} taken down by {AdminId}")]
    partial void LogTakenDown(string postId, string adminId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Account {UserId} suspended by {AdminId}")]
    partial void LogSuspended(string userId, string adminId);
}
