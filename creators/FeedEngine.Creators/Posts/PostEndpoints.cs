using System.Security.Claims;
using FeedEngine.Storage.Users;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace FeedEngine.Creators.Posts;

public static class PostEndpoints
{
    /// <summary>A post with every field at its limit fits; anything larger is refused before it is read.</summary>
    public const long MaxPostRequestBytes = 8 * 1024 * 1024;

    public static IEndpointRouteBuilder MapPostEndpoints(this IEndpointRouteBuilder app)
    {
        var posts = app.MapGroup("/api/posts").WithTags("Posts")
            .ProducesProblem(StatusCodes.Status404NotFound);

        posts.MapGet("/", ListAsync).RequireAuthorization(Policies.Creator)
            .WithSummary("Your posts, latest change first.");
        posts.MapPost("/", CreateAsync).RequireAuthorization(Policies.Creator).WithMetadata(new BodyLimit(MaxPostRequestBytes))
            .WithSummary("Creates a draft post. Title, kind and persona are needed; every other field is optional.");
        posts.MapGet("/{postId}", GetAsync).AllowAnonymous()
            .WithSummary("A post. Its creator gets the whole draft (view=public shows what viewers get); anyone else gets the public view of the published version, never the persona, instructions, rules or lore.");
        posts.MapPut("/{postId}", UpdateAsync).RequireAuthorization(Policies.Creator).WithMetadata(new BodyLimit(MaxPostRequestBytes))
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Saves the draft. Send the version you read: a draft saved elsewhere since then is a 409 and nothing is overwritten. Fields left out keep their value.");
        posts.MapPost("/{postId}/publish", PublishAsync).RequireAuthorization(Policies.Creator)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Freezes the draft as the next immutable version and puts the post live. Optional Idempotency-Key header; optional version (409 when the draft moved on).");
        posts.MapPost("/{postId}/rollback", RollbackAsync).RequireAuthorization(Policies.Creator)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Publishes an earlier version's content again, as the next version. The draft is not touched.");
        posts.MapPost("/{postId}/unpublish", UnpublishAsync).RequireAuthorization(Policies.Creator)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Takes the post out of the feed; new viewers cannot open it. Publish or roll back to bring it back.");
        posts.MapGet("/{postId}/versions", VersionsAsync).RequireAuthorization(Policies.Creator)
            .WithSummary("The post's published versions, newest first.");
        return app;
    }

    static async Task<Ok<PostList>> ListAsync(ClaimsPrincipal user, PostService posts, CancellationToken cancellationToken) =>
        TypedResults.Ok(new PostList([.. (await posts.ListOwnAsync(Author.IdOf(user)!, cancellationToken)).Select(PostSummary.From)]));

    static async Task<Results<Created<PostDraft>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        PostInput input, ClaimsPrincipal user, PostService posts, CancellationToken cancellationToken)
    {
        var result = await posts.CreateAsync(Author.Of(user)!, input, cancellationToken);
        return result.Succeeded ? TypedResults.Created($"/api/posts/{result.Value.Id}", PostDraft.From(result.Value)) : Failure(result.Error);
    }

    static async Task<Results<Ok<PostDraft>, Ok<PublicPost>, ValidationProblem, ProblemHttpResult>> GetAsync(
        string postId, ClaimsPrincipal user, PostService posts, CancellationToken cancellationToken, string? view = null)
    {
        if (view is not null and not "public" and not "draft")
            return TypedResults.Problem("view is 'draft' (the default, for the post's creator) or 'public' (what viewers see).", statusCode: 400, title: "Invalid view");
        var result = await posts.ViewAsync(user, postId, asViewer: view == "public", cancellationToken);
        if (!result.Succeeded) return Failure(result.Error);
        return result.Value.Public ? TypedResults.Ok(PublicPost.From(result.Value.Post)) : TypedResults.Ok(PostDraft.From(result.Value.Post));
    }

    static async Task<Results<Ok<PostDraft>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        string postId, PostInput input, ClaimsPrincipal user, PostService posts, CancellationToken cancellationToken) =>
        Draft(await posts.UpdateAsync(Author.IdOf(user)!, postId, input, cancellationToken));

    static async Task<Results<Ok<PostDraft>, ValidationProblem, ProblemHttpResult>> PublishAsync(
        string postId, ClaimsPrincipal user, PostService posts, CancellationToken cancellationToken,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey = null, long? version = null) =>
        Draft(await posts.PublishAsync(Author.IdOf(user)!, postId, version, idempotencyKey, cancellationToken));

    static async Task<Results<Ok<PostDraft>, ValidationProblem, ProblemHttpResult>> RollbackAsync(
        string postId, RollbackRequest request, ClaimsPrincipal user, PostService posts, CancellationToken cancellationToken,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey = null) =>
        Draft(await posts.RollbackAsync(Author.IdOf(user)!, postId, request.ToVersion, idempotencyKey, cancellationToken));

    static async Task<Results<Ok<PostDraft>, ValidationProblem, ProblemHttpResult>> UnpublishAsync(
        string postId, ClaimsPrincipal user, PostService posts, CancellationToken cancellationToken) =>
        Draft(await posts.UnpublishAsync(Author.IdOf(user)!, postId, cancellationToken));

    static async Task<Results<Ok<PostVersionList>, ValidationProblem, ProblemHttpResult>> VersionsAsync(
        string postId, ClaimsPrincipal user, PostService posts, CancellationToken cancellationToken)
    {
        var creatorId = Author.IdOf(user)!;
        var result = await posts.ListVersionsAsync(creatorId, postId, cancellationToken);
        if (!result.Succeeded) return Failure(result.Error);
        var live = (await posts.FindOwnAsync(creatorId, postId, cancellationToken)) is { Status: Storage.Posts.PostStatus.Published } post ? post.PublishedVersion : 0;
        return TypedResults.Ok(new PostVersionList([.. result.Value.Select(v => new PostVersionSummary(v.Number, v.PublishedAt, v.Content.Title, v.RestoredFrom, v.Number == live))]));
    }

    static Results<Ok<PostDraft>, ValidationProblem, ProblemHttpResult> Draft(PostResult<Storage.Posts.PostDocument> result) =>
        result.Succeeded ? TypedResults.Ok(PostDraft.From(result.Value)) : Failure(result.Error);

    /// <summary>The HTTP answer to an expected failure: field errors as a validation problem, the rest as a problem with its status.</summary>
    public static ProblemOrValidation Failure(PostError error)
    {
        if (error.Kind == PostErrorKind.Invalid && error.Errors is { Count: > 0 } errors)
            return new(TypedResults.ValidationProblem(errors, detail: error.Message, title: error.Title));
        var extensions = error.CurrentVersion is { } current ? new Dictionary<string, object?> { ["currentVersion"] = current } : null;
        return new(TypedResults.Problem(error.Message, statusCode: StatusOf(error.Kind), title: error.Title, extensions: extensions));
    }

    public static int StatusOf(PostErrorKind kind) => kind switch
    {
        PostErrorKind.NotFound => StatusCodes.Status404NotFound,
        PostErrorKind.Conflict => StatusCodes.Status409Conflict,
        PostErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        PostErrorKind.TooLarge => StatusCodes.Status413PayloadTooLarge,
        PostErrorKind.Unsupported => StatusCodes.Status415UnsupportedMediaType,
        _ => StatusCodes.Status400BadRequest,
    };
}

/// <summary>Either a <see cref="ValidationProblem"/> or a <see cref="ProblemHttpResult"/>, convertible to the endpoints' typed results.</summary>
public readonly record struct ProblemOrValidation(IResult Result)
{
    public static implicit operator Results<Ok<PostDraft>, ValidationProblem, ProblemHttpResult>(ProblemOrValidation p) =>
        p.Result is ValidationProblem v ? v : (ProblemHttpResult)p.Result;

    public static implicit operator Results<Created<PostDraft>, ValidationProblem, ProblemHttpResult>(ProblemOrValidation p) =>
        p.Result is ValidationProblem v ? v : (ProblemHttpResult)p.Result;

    public static implicit operator Results<Ok<PostDraft>, Ok<PublicPost>, ValidationProblem, ProblemHttpResult>(ProblemOrValidation p) =>
        p.Result is ValidationProblem v ? v : (ProblemHttpResult)p.Result;

    public static implicit operator Results<Ok<PostVersionList>, ValidationProblem, ProblemHttpResult>(ProblemOrValidation p) =>
        p.Result is ValidationProblem v ? v : (ProblemHttpResult)p.Result;

    public static implicit operator Results<Created<PostDraft>, ValidationProblem, ProblemHttpResult, UnauthorizedHttpResult>(ProblemOrValidation p) =>
        p.Result is ValidationProblem v ? v : (ProblemHttpResult)p.Result;
}

/// <summary>The most bytes an endpoint reads from a request body; the host refuses a longer declared body unread.</summary>
public sealed record BodyLimit(long? MaxRequestBodySize) : IRequestSizeLimitMetadata;
