using System.Text.Json;
using FeedEngine.Storage.Users;
using FeedEngine.Web.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FeedEngine.Web.Memory;

/// <summary>
/// The viewer's data rights: download everything FeedEngine stores about them as JSON, and delete their account with
/// everything of theirs. Only ever the caller's own data; there is no id to pass.
/// </summary>
public static class PrivacyEndpoints
{
    public static IEndpointRouteBuilder MapPrivacyEndpoints(this IEndpointRouteBuilder app)
    {
        var me = app.MapGroup("/api/me").WithTags("Privacy").RequireAuthorization(Policies.Viewer).DisableAntiforgery();
        me.MapGet("/export", ExportAsync)
            .WithSummary("Download my data: the account, likes, follows, hidden posts, every conversation with its turns, what is remembered and post states, as one JSON file.");
        me.MapDelete("/account", DeleteAccountAsync)
            .WithSummary("Delete my account and everything of mine (conversations, memory, likes, follows, state); signs out. Creators with posts and advertisers with campaigns are refused.");
        return app;
    }

    static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ExportAsync(HttpContext context, ViewerDataService data, CancellationToken cancellationToken)
    {
        var viewerId = FeedClaims.UserIdOf(context.User)!;
        if (await data.ExportAsync(viewerId, cancellationToken) is not { } export)
            return TypedResults.Problem("This account no longer exists.", statusCode: StatusCodes.Status404NotFound, title: "No such account");
        var json = JsonSerializer.SerializeToUtf8Bytes(export, JsonOptions);
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.File(json, "application/json", $"feedengine-data-{export.ExportedAt:yyyy-MM-dd}.json");
    }

    static async Task<Results<Ok<AccountDeleted>, ProblemHttpResult>> DeleteAccountAsync(HttpContext context, ViewerDataService data, CancellationToken cancellationToken)
    {
        var viewerId = FeedClaims.UserIdOf(context.User)!;
        if (await data.BlockerAsync(viewerId, cancellationToken) is { } blocker)
            return TypedResults.Problem(blocker, statusCode: StatusCodes.Status409Conflict, title: "Cannot delete this account here");
        var erased = await data.EraseAsync(viewerId, cancellationToken);
        if (!erased.Account)
            return TypedResults.Problem("This account no longer exists.", statusCode: StatusCodes.Status404NotFound, title: "No such account");
        // The account is gone, so its tokens and cookies stop working; clear this browser's cookie as well.
        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return TypedResults.Ok(new AccountDeleted(erased.Sessions, erased.Turns, erased.MemoryFacts, erased.PostStates));
    }

    static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true };
}
