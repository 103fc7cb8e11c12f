using System.Security.Claims;
using FeedEngine.Storage;
using FeedEngine.Storage.Images;
using FeedEngine.Storage.Posts;
using FeedEngine.Storage.Users;
using Microsoft.Extensions.Logging;

namespace FeedEngine.Creators.Posts;

/// <summary>
/// Authoring: creating and editing drafts (optimistic concurrency on the draft's version), publishing immutable
/// versions, rolling back and unpublishing, and what a post shows to whom. Used by the API and the studio pages alike.
/// </summary>
public sealed class PostService(IPostRepository posts, IImageRepository images, IUserRepository users, PublishModeration moderation, TimeProvider clock, ILogger<PostService> logger)
{
    const int MaxIdempotencyKeyLength = 100;

    public async Task<PostResult<PostDocument>> CreateAsync(Author author, PostInput input, CancellationToken cancellationToken)
    {
        var problems = new PostProblems();
        if (input.Kind is null) problems.Add("kind", "Choose what the post is: character, story, game, quiz or imageChat.");
        var content = new PostContent();
        PostEditing.Apply(input, content, problems);
        return await InsertAsync(author, content, problems, cancellationToken);
    }

    /// <summary>Stores <paramref name="content"/> as a new draft when it is valid (a card import, a new post).</summary>
    public async Task<PostResult<PostDocument>> InsertAsync(Author author, PostContent content, PostProblems problems, CancellationToken cancellationToken)
    {
        await ValidateAsync(content, problems, cancellationToken);
        if (problems.Any) return PostError.Invalid(problems, "Fix the fields listed in errors and send the post again. Nothing was saved.");

        var now = Now();
        var post = new PostDocument
        {
            Id = DocumentIds.New(),
            CreatorId = author.Id,
            CreatorName = author.Name,
            Status = PostStatus.Draft,
            Draft = content,
            CreatedAt = now,
            UpdatedAt = now,
        };
        var outcome = await posts.InsertAsync(post, cancellationToken);
        if (outcome != WriteOutcome.Ok) throw new InvalidOperationException($"Inserting new post {post.Id} ended with {outcome}.");
        PostLog.Created(logger, post.Id, author.Id);
        return post;
    }

    /// <summary>The post when <paramref name="creatorId"/> made it; another creator's post is as missing as a post that never was.</summary>
    public async Task<PostDocument?> FindOwnAsync(string creatorId, string postId, CancellationToken cancellationToken) =>
        await posts.FindAsync(postId, cancellationToken) is { } post && post.CreatorId == creatorId ? post : null;

    public Task<IReadOnlyList<PostDocument>> ListOwnAsync(string creatorId, CancellationToken cancellationToken) =>
        posts.ListByCreatorAsync(creatorId, cancellationToken);

    public async Task<PostResult<PostDocument>> UpdateAsync(string creatorId, string postId, PostInput input, CancellationToken cancellationToken)
    {
        if (await FindOwnAsync(creatorId, postId, cancellationToken) is not { } post) return PostError.NotFound(postId);
        var problems = new PostProblems();
        if (input.Version is not { } version)
        {
            problems.Add("version", "Send the version of the draft you edited (the version field of GET /api/posts/{postId}), so edits made elsewhere are never overwritten.");
            return PostError.Invalid(problems, "Nothing was saved.");
        }
        if (version != post.Version) return Stale(post, version);

        PostEditing.Apply(input, post.Draft, problems);
        await ValidateAsync(post.Draft, problems, cancellationToken);
        if (problems.Any) return PostError.Invalid(problems, "Fix the fields listed in errors and save again. Nothing was saved.");

        post.UpdatedAt = Now();
        return await posts.UpdateAsync(post, cancellationToken) switch
        {
            WriteOutcome.Ok => post,
            WriteOutcome.NotFound => PostError.NotFound(postId),
            _ => Stale(await posts.FindAsync(postId, cancellationToken) ?? post, version),
        };
    }

    /// <summary>Freezes the draft as the next version. The same idempotency key again returns the post as that publish left it.</summary>
    public async Task<PostResult<PostDocument>> PublishAsync(string creatorId, string postId, long? version, string? idempotencyKey, CancellationToken cancellationToken)
    {
        if (await FindOwnAsync(creatorId, postId, cancellationToken) is not { } post) return PostError.NotFound(postId);
        if (KeyProblem(idempotencyKey) is { } keyError) return keyError;
        var key = idempotencyKey is null ? $"publish:{postId}:{DocumentIds.New()}" : $"publish:{postId}:{idempotencyKey}";
        // The store compares versions after it has looked up the key, so a retry of a publish that went through is no conflict.
        if (version is { } read) post.Version = read;

        var problems = new PostProblems();
        await ValidateAsync(post.Draft, problems, cancellationToken);
        if (problems.Any) return PostError.Invalid(problems, "The draft cannot be published until these are fixed. Nothing was published.");
        if (await moderation.CheckAsync(post, cancellationToken) is { } refused) return refused;

        var result = await posts.PublishAsync(post, key, Now(), cancellationToken);
        return await AfterPublishAsync(post, result, version, cancellationToken);
    }

    /// <summary>Publishes an earlier version's content again, as the next version; the draft stays as it is.</summary>
    public async Task<PostResult<PostDocument>> RollbackAsync(string creatorId, string postId, int toVersion, string? idempotencyKey, CancellationToken cancellationToken)
    {
        if (await FindOwnAsync(creatorId, postId, cancellationToken) is not { } post) return PostError.NotFound(postId);
        if (KeyProblem(idempotencyKey) is { } keyError) return keyError;
        var key = idempotencyKey is null ? $"rollback:{postId}:{DocumentIds.New()}" : $"rollback:{postId}:{idempotencyKey}";
        if (post.PublishedVersion == 0)
            return new PostError(PostErrorKind.Conflict, "Nothing to roll back to", "The post has never been published, so it has no earlier version. Publish it first.");
        if (toVersion < 1 || toVersion > post.PublishedVersion)
            return new PostError(PostErrorKind.NotFound, "No such version", $"The post has versions 1 to {post.PublishedVersion}; there is no version {toVersion}.");
        if (idempotencyKey is null && toVersion == post.PublishedVersion && post.Status == PostStatus.Published)
            return new PostError(PostErrorKind.Conflict, "Already live", $"Version {toVersion} is the live version already. Choose an earlier one.");

        var result = await posts.RestoreAsync(post, toVersion, key, Now(), cancellationToken);
        if (result.Outcome == WriteOutcome.Ok) PostLog.RolledBack(logger, postId, toVersion, result.VersionNumber);
        return await AfterPublishAsync(post, result, null, cancellationToken);
    }

    /// <summary>Takes the post out of the feed and out of reach of new viewers; its versions stay for a later publish or rollback.</summary>
    public async Task<PostResult<PostDocument>> UnpublishAsync(string creatorId, string postId, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            if (await FindOwnAsync(creatorId, postId, cancellationToken) is not { } post) return PostError.NotFound(postId);
            if (post.Status != PostStatus.Published)
                return new PostError(PostErrorKind.Conflict, "Not published", post.PublishedVersion == 0
                    ? "The post has never been published, so there is nothing to unpublish."
                    : "The post is unpublished already. Publish it or roll back to a version to bring it back.");
            post.Status = PostStatus.Unpublished;
            post.UpdatedAt = Now();
            var outcome = await posts.UpdateAsync(post, cancellationToken);
            if (outcome == WriteOutcome.Ok)
            {
                PostLog.Unpublished(logger, postId);
                return post;
            }
            // A save or publish landed in between: read again and take the post down as it now is.
            if (outcome != WriteOutcome.Conflict || attempt == 2) return PostError.NotFound(postId);
        }
    }

    public async Task<PostResult<IReadOnlyList<PostVersionDocument>>> ListVersionsAsync(string creatorId, string postId, CancellationToken cancellationToken)
    {
        if (await FindOwnAsync(creatorId, postId, cancellationToken) is null) return PostError.NotFound(postId);
        return new PostResult<IReadOnlyList<PostVersionDocument>>(await posts.ListVersionsAsync(postId, cancellationToken), null);
    }

    /// <summary>
    /// The post as <paramref name="user"/> may see it: its creator gets the draft (unless <paramref name="asViewer"/>);
    /// anyone else gets the public view of a published, non-private version their age allows, or nothing.
    /// </summary>
    public async Task<PostResult<PostView>> ViewAsync(ClaimsPrincipal user, string postId, bool asViewer, CancellationToken cancellationToken)
    {
        var missing = new PostError(PostErrorKind.NotFound, "Post not found", $"There is no published post '{postId}'. It may have been unpublished.");
        if (await posts.FindAsync(postId, cancellationToken) is not { } post) return missing;
        var userId = Author.IdOf(user);
        var own = userId is not null && post.CreatorId == userId;
        if (own && !asViewer) return new PostView(post, Public: false);
        if (post.Status != PostStatus.Published || post.Published is null) return missing;
        if (post.Published.Visibility == PostVisibility.Private && !own) return missing;
        if (!own && post.Published.AgeRating > AgeRating.Everyone)
        {
            var birthYear = userId is null ? null : (await users.FindAsync(userId, cancellationToken))?.BirthYear;
            if (post.Published.AgeRating > AgeRatings.MaxFor(birthYear, clock.GetUtcNow()))
                return new PostError(PostErrorKind.Forbidden, "Age-restricted post",
                    $"This post is rated {post.Published.AgeRating.ToString().ToLowerInvariant()}. Sign in and add your birth year to your account to see the posts for your age.");
        }
        return new PostView(post, Public: true);
    }

    async Task<PostResult<PostDocument>> AfterPublishAsync(PostDocument post, PublishResult result, long? version, CancellationToken cancellationToken)
    {
        switch (result.Outcome)
        {
            case WriteOutcome.Ok:
                PostLog.Published(logger, post.Id, result.VersionNumber);
                return post;
            case WriteOutcome.Duplicate:
                return await posts.FindAsync(post.Id, cancellationToken) is { } repeated ? repeated : PostError.NotFound(post.Id);
            case WriteOutcome.Conflict:
                return Stale(await posts.FindAsync(post.Id, cancellationToken) ?? post, version ?? post.Version);
            default:
                return PostError.NotFound(post.Id);
        }
    }

    async Task ValidateAsync(PostContent content, PostProblems problems, CancellationToken cancellationToken)
    {
        PostValidator.Validate(content, problems);
        if (content.CoverImageId is { } cover
            && (cover.Length != 22 || !cover.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') || await images.FindAsync(cover, cancellationToken) is null))
            problems.Add("coverImageId", $"There is no image '{cover}'. Upload the cover with POST /api/images and use the imageId it returns.");
    }

    /// <summary>Now, to the millisecond: what both stores keep of a time, so a saved post reads back as it was returned.</summary>
    DateTime Now()
    {
        var ticks = clock.GetUtcNow().UtcTicks;
        return new DateTime(ticks - ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);
    }

    static PostError Stale(PostDocument current, long read) => new(PostErrorKind.Conflict, "The draft was changed elsewhere",
        $"This draft was saved elsewhere (another tab or device) since you opened it: you edited version {read}, the saved draft is version {current.Version}. " +
        "Nothing was overwritten. Reload the draft to see those changes, then make yours again.", CurrentVersion: current.Version);

    static PostError? KeyProblem(string? key) =>
        key is null || (key.Length is > 0 and <= MaxIdempotencyKeyLength && key.All(c => c is > ' ' and <= '~'))
            ? null
            : new PostError(PostErrorKind.Invalid, "Invalid idempotency key",
                $"The Idempotency-Key header must be 1 to {MaxIdempotencyKeyLength} visible ASCII characters, e.g. a UUID.",
                new Dictionary<string, string[]> { ["Idempotency-Key"] = [$"Use 1 to {MaxIdempotencyKeyLength} visible ASCII characters, e.g. a UUID."] });
}

/// <summary>What <see cref="PostService.ViewAsync"/> found: the creator's own post, or a published post shown publicly.</summary>
public sealed record PostView(PostDocument Post, bool Public);

static partial class PostLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Post {PostId} created by {CreatorId}")]
    public static partial void Created(ILogger logger, string postId, string creatorId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Post {PostId} published as version {Version}")]
    public static partial void Published(ILogger logger, string postId, int version);

    [LoggerMessage(Level = LogLevel.Information, Message = "Post {PostId} rolled back to version {FromVersion}, now live as version {Version}")]
    public static partial void RolledBack(ILogger logger, string postId, int fromVersion, int version);

    [LoggerMessage(Level = LogLevel.Information, Message = "Post {PostId} unpublished")]
    public static partial void Unpublished(ILogger logger, string postId);
}
