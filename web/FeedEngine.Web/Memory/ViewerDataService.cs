using System.Text.Json;
using FeedEngine.Storage.Campaigns;
using FeedEngine.Storage.Memory;
using FeedEngine.Storage.Posts;
using FeedEngine.Storage.Sessions;
using FeedEngine.Storage.State;
using FeedEngine.Storage.Users;
using FeedEngine.Storage.Viewers;

namespace FeedEngine.Web.Memory;

/// <summary>The viewer's own data: all of it as one export, or all of it erased with the account.</summary>
public sealed class ViewerDataService(
    IUserRepository users, IViewerProfileRepository profiles, ISessionRepository sessions, ITurnRepository turns,
    IMemoryRepository memory, IPostStateRepository states, IPostRepository posts, ICampaignRepository campaigns,
    IViewerDataEraser eraser, TimeProvider time)
{
    /// <summary>The most sessions one export reads (far above what a person makes; the store lists newest first).</summary>
    public const int MaxSessions = 10_000;

    const int TurnPage = 500;

    /// <summary>The export, or null when the account no longer exists.</summary>
    public async Task<ViewerExport?> ExportAsync(string viewerId, CancellationToken cancellationToken)
    {
        if (await users.FindAsync(viewerId, cancellationToken) is not { } user) return null;
        var profile = await profiles.FindAsync(viewerId, cancellationToken) ?? new ViewerProfileDocument { Id = viewerId };
        var titles = new Dictionary<string, string?>(StringComparer.Ordinal);

        var exported = new List<ExportSession>();
        foreach (var session in await sessions.ListByOwnerAsync(viewerId, limit: MaxSessions, cancellationToken: cancellationToken))
        {
            var sessionTurns = new List<ExportTurn>();
            for (long after = 0; ;)
            {
                var page = await turns.ListAsync(session.Id, after, TurnPage, cancellationToken);
                sessionTurns.AddRange(page.Select(t => Turn(t, viewerId)));
                if (page.Count < TurnPage) break;
                after = page[^1].Seq;
            }
            exported.Add(new ExportSession(session.Id, session.PostId, await TitleAsync(session.PostId), session.Greeting, session.CurrentBranchId,
                session.RoomCode is not null, session.CreatedAt, session.UpdatedAt, sessionTurns));
        }

        var facts = await memory.ListAsync(viewerId, MemoryEndpoints.MaxListed, cancellationToken);
        var memories = new List<MemoryFactView>();
        foreach (var fact in facts) memories.Add(MemoryFactView.From(fact, await TitleAsync(fact.PostId)));

        var postStates = new List<ExportPostState>();
        foreach (var postId in exported.Select(s => s.PostId).Distinct(StringComparer.Ordinal))
            if (await states.FindAsync(viewerId, postId, cancellationToken) is { } state)
                postStates.Add(new ExportPostState(postId, ParseObject(state.ValuesJson), state.UpdatedAt));

        return new ViewerExport(
            time.GetUtcNow().UtcDateTime,
            new ExportAccount(user.Id, user.Email, user.DisplayName, user.BirthYear, user.Roles, user.IsGuest, user.CreatedAt),
            new ExportProfile(!profile.MemoryOff, profile.LikedPostIds, profile.FollowedCreatorIds, profile.HiddenPostIds, profile.BlockedCreatorIds,
                profile.Interests, profile.InterestVector),
            exported, memories, postStates);

        async Task<string?> TitleAsync(string postId)
        {
            if (titles.TryGetValue(postId, out var known)) return known;
            var post = await posts.FindAsync(postId, cancellationToken);
            return titles[postId] = post?.Published?.Title ?? post?.Draft.Title;
        }
    }

    /// <summary>Why the account cannot be erased yet (it still owns posts or campaigns), or null.</summary>
    public async Task<string?> BlockerAsync(string viewerId, CancellationToken cancellationToken)
    {
        var owned = await posts.ListByCreatorAsync(viewerId, cancellationToken);
        if (owned.Count > 0)
            return $"This account owns {owned.Count} {(owned.Count == 1 ? "post" : "posts")} in the studio, and other people's conversations depend on them. A creator account cannot be deleted here; contact support.";
        var running = await campaigns.ListByAdvertiserAsync(viewerId, cancellationToken);
        if (running.Count > 0)
            return $"You still own {running.Count} ad {(running.Count == 1 ? "campaign" : "campaigns")}, which carry billing records. Contact support to close an advertiser account.";
        return null;
    }

    public Task<ViewerErasure> EraseAsync(string viewerId, CancellationToken cancellationToken) =>
        eraser.EraseAsync(viewerId, time.GetUtcNow().UtcDateTime, cancellationToken);

    static ExportTurn Turn(TurnDocument turn, string viewerId)
    {
        var mine = turn.Role == TurnRole.Viewer && turn.AuthorId == viewerId;
        return new ExportTurn(turn.Seq, turn.BranchId, JsonNamingPolicy.CamelCase.ConvertName(turn.Role.ToString()), mine,
            turn.Role == TurnRole.Viewer && !mine ? turn.AuthorName ?? "Another participant" : null,
            turn.Text, turn.ImageIds, JsonNamingPolicy.CamelCase.ConvertName(turn.Status.ToString()), turn.CreatedAt);
    }

    static JsonElement ParseObject(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            using var empty = JsonDocument.Parse("{}");
            return empty.RootElement.Clone();
        }
    }
}
