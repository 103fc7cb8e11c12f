using System.Diagnostics.CodeAnalysis;
using System.Security.Claims;

namespace FeedEngine.Creators.Posts;

public enum PostErrorKind
{
    /// <summary>No such post among the caller's, or not visible to the caller. 404.</summary>
    NotFound,
    /// <summary>The draft changed since the caller read it, or the post is not in a state for this. 409.</summary>
    Conflict,
    /// <summary>Fields that need fixing, listed in <see cref="PostError.Errors"/>. 400.</summary>
    Invalid,
    /// <summary>The viewer may not see this post (its age rating). 403.</summary>
    Forbidden,
    /// <summary>An upload too large to read. 413.</summary>
    TooLarge,
    /// <summary>An upload that is not a card FeedEngine reads. 415.</summary>
    Unsupported,
}

/// <summary>An expected failure, with a message a person can act on.</summary>
public sealed record PostError(PostErrorKind Kind, string Title, string Message, IDictionary<string, string[]>? Errors = null, long? CurrentVersion = null)
{
    public static PostError NotFound(string postId) =>
        new(PostErrorKind.NotFound, "Post not found", $"There is no post '{postId}' among your posts. Check the id, or list your posts with GET /api/posts.");

    public static PostError Invalid(PostProblems problems, string message) =>
        new(PostErrorKind.Invalid, problems.Count == 1 ? "The post has 1 problem" : $"The post has {problems.Count} problems", message, problems.ToDictionary());
}

/// <summary>A value, or the <see cref="PostError"/> that prevented it.</summary>
public sealed record PostResult<T>(T? Value, PostError? Error) where T : class
{
    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Error is null;

    public static implicit operator PostResult<T>(T value) => new(value, null);

    public static implicit operator PostResult<T>(PostError error) => new(null, error);
}

/// <summary>The signed-in creator, from the <c>sub</c> and <c>name</c> claims of the token or cookie.</summary>
public sealed record Author(string Id, string Name)
{
    public static string? IdOf(ClaimsPrincipal user) => user.FindFirst("sub")?.Value;

    public static Author? Of(ClaimsPrincipal user) =>
        IdOf(user) is { } id ? new Author(id, user.FindFirst("name")?.Value ?? user.Identity?.Name ?? "") : null;
}
