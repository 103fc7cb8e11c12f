using System.Security.Claims;
using System.Text.Json;
using FeedEngine.Creators.Posts;
using FeedEngine.Storage.Posts;
using FeedEngine.Storage.Users;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace FeedEngine.Creators.Studio;

/// <summary>
/// The editor's autosave: studio.js posts the editor form here as JSON (the form's fields by name, checkboxes as
/// booleans) a moment after the creator stops typing, with the form's antiforgery token in the
/// <c>RequestVerificationToken</c> header and the draft version the tab last saw. A draft saved elsewhere since then is a 409 with
/// the fields changed there, and nothing is overwritten: the tab keeps its edits and says so.
/// </summary>
public static class AutosaveEndpoints
{
    public const string Route = "/api/posts/{postId}/autosave";

    public static IEndpointRouteBuilder MapAutosaveEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapPost(Route, AutosaveAsync).RequireAuthorization(Policies.Creator)
            .WithMetadata(new BodyLimit(PostEndpoints.MaxPostRequestBytes))
            .WithTags("Posts")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("The studio editor's autosave: the editor's fields as JSON, with the page's antiforgery token in the RequestVerificationToken header. A draft saved elsewhere since the sent version is a 409 listing the fields changed there; nothing is overwritten. API clients use PUT /api/posts/{postId}.");
        return app;
    }

    static async Task<Results<Ok<AutosaveSaved>, Conflict<AutosaveConflict>, ValidationProblem, NotFound>> AutosaveAsync(
        string postId, PostEditorForm input, HttpContext context, IAntiforgery antiforgery, ClaimsPrincipal user, PostService posts, CancellationToken cancellationToken)
    {
        try
        {
            await antiforgery.ValidateRequestAsync(context);
        }
        catch (AntiforgeryValidationException)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>(), title: "Not saved: the page is out of date",
                detail: "This editor page is too old to save from (its form token expired). Reload the page, then edit again.");
        }
        input.Normalized();
        // JSON may carry null rows; a form post never does.
        input.Lore.RemoveAll(row => row is null);
        input.State.RemoveAll(row => row is null);
        var creatorId = Author.IdOf(user)!;
        input.RemoveBlankRows();
        var problems = new PostProblems();
        var edit = input.ToInput(problems);
        if (problems.Any) return TypedResults.ValidationProblem(problems.ToDictionary(), title: Title(problems.Count));

        var result = await posts.UpdateAsync(creatorId, postId, edit, cancellationToken);
        if (result.Succeeded) return TypedResults.Ok(new AutosaveSaved(result.Value.Version, result.Value.UpdatedAt));
        switch (result.Error.Kind)
        {
            case PostErrorKind.NotFound:
                return TypedResults.NotFound();
            case PostErrorKind.Conflict when await posts.FindOwnAsync(creatorId, postId, cancellationToken) is { } saved:
                var mine = JsonSerializer.Deserialize<PostContent>(JsonSerializer.Serialize(saved.Draft))!;
                PostEditing.Apply(edit, mine, new PostProblems());
                return TypedResults.Conflict(new AutosaveConflict(result.Error.Message, saved.Version, PostEditorForm.ChangedFields(saved.Draft, mine)));
            default:
                return TypedResults.ValidationProblem(result.Error.Errors ?? new Dictionary<string, string[]>(), detail: result.Error.Message, title: result.Error.Title);
        }
    }

    static string Title(int count) => count == 1 ? "The post has 1 problem" : $"The post has {count} problems";
}

/// <summary>An autosave that went through: the draft's new version (the tab sends it with its next save).</summary>
public sealed record AutosaveSaved(long Version, DateTime SavedAt);

/// <summary>An autosave refused because the draft was saved elsewhere (another tab); nothing was overwritten.</summary>
public sealed record AutosaveConflict(string Message, long CurrentVersion, IReadOnlyList<string> ChangedThere);
