using FeedEngine.Engine.Abstractions.Sessions;
using FeedEngine.Engine.Abstractions.Studio;
using FeedEngine.Engine.Posts;
using FeedEngine.Engine.Prompts;
using FeedEngine.Engine.State;
using FeedEngine.Storage.Posts;
using FeedEngine.Storage.Sessions;
using Microsoft.Extensions.DependencyInjection;

namespace FeedEngine.Engine.Sessions;

/// <summary>
/// Studio preview sessions (see <see cref="ISessionPreviewGrain"/>): the same grain and reply path as a viewer's
/// session, with the program read from the creator's current draft instead of a published version, and a trace of
/// each reply kept for the creator's debug view.
/// </summary>
internal sealed partial class SessionGrain : ISessionPreviewGrain
{
    const int TracesKept = 50;
    const string PreviewOwnerPrefix = "preview:";

    readonly List<PreviewTurnTrace> traces = [];
    long draftVersion;

    /// <summary>True for a studio preview: the sponsored-turn and analytics paths leave such sessions out.</summary>
    internal bool IsPreview => session?.Preview == true;

    public async Task<SessionOutcome<SessionSnapshot>> CreatePreviewAsync(string creatorId, string postId)
    {
        if (string.IsNullOrWhiteSpace(creatorId) || string.IsNullOrWhiteSpace(postId) || postId.Length > SessionLimits.MaxIdLength)
            return SessionOutcome<SessionSnapshot>.Rejected(SessionRejectionReason.InvalidInput, "Name the post to preview: one of your post ids.");
        if (session is not null)
            return session.Preview && session.Participants.Contains(creatorId) && session.PostId == postId
                ? SessionOutcome<SessionSnapshot>.Ok(Snapshot())
                : NotFound<SessionSnapshot>();
        if (await ReadDraftAsync(postId, creatorId) is not { } post)
            return SessionOutcome<SessionSnapshot>.Rejected(SessionRejectionReason.NotFound, $"There is no post '{postId}' among your posts to preview.");

        var draft = DraftProgram(post);
        var now = time.GetUtcNow().UtcDateTime;
        var created = new SessionDocument
        {
            Id = SessionId,
            PostId = postId,
            PostVersion = 0,
            OwnerId = PreviewOwnerPrefix + creatorId,
            Participants = [creatorId],
            Preview = true,
            Greeting = draft.Greetings.Length == 0 ? "" : draft.Greetings[0],
            StateJson = StateSchema.Build(draft.StateSchema).Initial().ToJsonString(),
            CreatedAt = now,
            UpdatedAt = now,
        };
        if (await sessions.InsertAsync(created) != Storage.WriteOutcome.Ok)
            throw new InvalidOperationException($"Session {SessionId} already exists in storage but was not found when the grain activated.");
        session = created;
        draftVersion = post.Version;
        await LoadAsync(created, CancellationToken.None, draft);
        SessionLog.Created(logger, SessionId, postId, 0, created.OwnerId);
        return SessionOutcome<SessionSnapshot>.Ok(Snapshot());
    }

    public Task<SessionOutcome<PreviewTurnTrace[]>> GetPreviewTraceAsync(string creatorId) =>
        Task.FromResult(IsPreview && IsParticipant(creatorId)
            ? SessionOutcome<PreviewTurnTrace[]>.Ok([.. traces])
            : NotFound<PreviewTurnTrace[]>());

    /// <summary>The program a session runs: a published version, or for a preview the creator's draft as it is now.</summary>
    async Task<PostProgram?> FindProgramAsync(SessionDocument document)
    {
        if (document.SponsorPlacementId is not null) return await FindBrandProgramAsync(document);
        if (!document.Preview) return await GrainFactory.GetGrain<IPostGrain>(document.PostId).GetVersionAsync(document.PostVersion);
        var creatorId = document.OwnerId.StartsWith(PreviewOwnerPrefix, StringComparison.Ordinal) ? document.OwnerId[PreviewOwnerPrefix.Length..] : "";
        if (await ReadDraftAsync(document.PostId, creatorId) is not { } post) return null;
        draftVersion = post.Version;
        return DraftProgram(post);
    }

    /// <summary>Before a preview reply: the creator may have edited the draft since the last one; run what is saved now.</summary>
    async Task RefreshPreviewProgramAsync()
    {
        if (!IsPreview || running is not null) return;
        var found = await FindProgramAsync(session!);
        programAvailable = found is not null;
        if (found is null) return;
        program = found;
        schema = StateSchema.Build(program.StateSchema);
        state = schema.Normalize(state.ToJsonString());
    }

    async Task<PostDocument?> ReadDraftAsync(string postId, string creatorId)
    {
        var post = await ServiceProvider.GetRequiredService<IPostRepository>().FindAsync(postId);
        return post is not null && post.CreatorId == creatorId && creatorId.Length > 0 ? post : null;
    }

    static PostProgram DraftProgram(PostDocument post) =>
        PostProgram.From(new PostVersionDocument { Id = $"{post.Id}:draft", PostId = post.Id, Number = 0, Content = post.Draft });

    /// <summary>Called with each prompt built for a reply: a preview notes the lore that fired and the token use.</summary>
    void NotePrompt(AssembledPrompt prompt)
    {
        if (!IsPreview || running is not { } run) return;
        var scanned = string.Join("\n", turns.Where(t => t.Role != TurnRole.Sponsor && t.Text.Length > 0).TakeLast(Math.Max(1, Options.LoreScanTurns)).Select(t => t.Text));
        var trace = new PreviewTurnTrace
        {
            TurnSeq = run.ReplyTurnSeq,
            DraftVersion = draftVersion,
            Lore = [.. prompt.Lore.Select(l => new PreviewLoreHit
            {
                Name = l.Rule.Name,
                Trigger = l.Trigger switch { LoreTrigger.AlwaysOn => "alwaysOn", LoreTrigger.Keyword => "keyword", _ => "semantic" },
                MatchedKeys = l.Trigger == LoreTrigger.Keyword ? [.. l.Rule.Keys.Concat(l.Rule.SecondaryKeys).Where(k => LoreSelector.Mentions(scanned, k))] : [],
            })],
            StateBeforeJson = state.ToJsonString(),
            StateAfterJson = state.ToJsonString(),
            PromptTokens = prompt.EstimatedTokens,
            BudgetTokens = prompt.BudgetTokens,
            TurnsIncluded = prompt.TurnsIncluded,
            TurnsCondensed = prompt.TurnsCondensed,
        };
        traces.RemoveAll(t => t.TurnSeq == trace.TurnSeq);
        traces.Add(trace);
        if (traces.Count > TracesKept) traces.RemoveRange(0, traces.Count - TracesKept);
    }

    /// <summary>Called when a reply's state changes were checked: a preview notes what applied and what was refused, and why.</summary>
    void NoteStateChanges(ReplyRun run, StateChangeOutcome outcome, IEnumerable<string> unreadable)
    {
        if (!IsPreview) return;
        var index = traces.FindIndex(t => t.TurnSeq == run.ReplyTurnSeq);
        if (index < 0) return;
        traces[index] = traces[index] with
        {
            StateAfterJson = outcome.State.ToJsonString(),
            Applied = [.. outcome.Applied],
            Rejected = [.. unreadable.Select(p => new PreviewRejectedChange { Reason = p }),
                        .. outcome.Rejected.Select(r => new PreviewRejectedChange { Variable = r.Variable, Reason = r.Reason })],
        };
    }
}
