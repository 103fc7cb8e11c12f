using System.Text.Json.Nodes;
using FeedEngine.Engine.Abstractions.Sessions;
using FeedEngine.Engine.Posts;
using FeedEngine.Engine.Prompts;
using FeedEngine.Engine.State;
using FeedEngine.Safety.Filters;
using FeedEngine.Storage.Images;
using FeedEngine.Storage.Sessions;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FeedEngine.Engine.Sessions;

/// <summary>
/// A conversation with one published post version (see <see cref="ISessionGrain"/>). Storage is the source of truth:
/// the session document, one document per turn (with the events that carried it). In memory: the program, the state,
/// the recent turns, the event log and the reply being generated, which runs on the grain's scheduler independently
/// of any caller. Key: the session id.
/// </summary>
internal sealed partial class SessionGrain(
    ISessionRepository sessions,
    ITurnRepository turnStore,
    IImageRepository images,
    IChatClient chat,
    PromptAssembler prompts,
    IEnumerable<IOutputFilterFactory> filterFactories,
    SessionMetrics metrics,
    IOptions<SessionOptions> options,
    TimeProvider time,
    ILogger<SessionGrain> logger) : Grain, ISessionGrain
{
    readonly List<TurnDocument> turns = [];
    readonly Dictionary<string, SendReceipt> receipts = new(StringComparer.Ordinal);
    readonly Queue<string> receiptOrder = new();
    SessionDocument? session;
    PostProgram program = null!;
    bool programAvailable;
    StateSchema schema = StateSchema.Build([]);
    JsonObject state = [];
    EventLog log = new(0);
    ReplyRun? running;
    long lastTurnSeq;
    Task sessionWrites = Task.CompletedTask;

    string SessionId => this.GetPrimaryKeyString();

    SessionOptions Options => options.Value;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        OpenLocalReads();
        session = await sessions.FindAsync(SessionId, cancellationToken);
        if (session is not null) await LoadAsync(session, cancellationToken);
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        CloseLocalReads();
        if (running is not { } run) return;
        // Moving or shutting down: keep what was written, marked interrupted, so a resume elsewhere sees it.
        run.Stop(ReplyStop.Interrupted);
        await run.Completion.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.ContinueOnCapturedContext | ConfigureAwaitOptions.SuppressThrowing);
    }

    public async Task<SessionOutcome<SessionSnapshot>> CreateAsync(string ownerId, string postId)
    {
        if (session is not null)
            return session.OwnerId == ownerId && session.PostId == postId ? SessionOutcome<SessionSnapshot>.Ok(Snapshot()) : NotFound<SessionSnapshot>();
        if (await GrainFactory.GetGrain<IPostGrain>(postId).GetPublishedAsync() is not { } published)
            return await CreateBrandSessionAsync(ownerId, postId) ?? SessionOutcome<SessionSnapshot>.Rejected(SessionRejectionReason.NotFound, $"There is no published post '{postId}'. Pick a post from the feed.");

        var now = time.GetUtcNow().UtcDateTime;
        var created = new SessionDocument
        {
            Id = SessionId,
            PostId = postId,
            PostVersion = published.Version,
            OwnerId = ownerId,
            Participants = [ownerId],
            Greeting = published.Greetings.Length == 0 ? "" : published.Greetings[Random.Shared.Next(published.Greetings.Length)],
            StateJson = StateSchema.Build(published.StateSchema).Initial().ToJsonString(),
            ReservedEventSeq = SeqBlock,
            CreatedAt = now,
            UpdatedAt = now,
        };
        if (await sessions.InsertAsync(created) != Storage.WriteOutcome.Ok)
            throw new InvalidOperationException($"Session {SessionId} already exists in storage but was not found when the grain activated.");
        session = created;
        await LoadAsync(created, CancellationToken.None, published);
        SessionLog.Created(logger, SessionId, postId, published.Version, ownerId);
        return SessionOutcome<SessionSnapshot>.Ok(Snapshot());
    }

    public Task<SessionOutcome<SessionSnapshot>> GetSnapshotAsync(string viewerId) =>
        Task.FromResult(IsParticipant(viewerId) ? SessionOutcome<SessionSnapshot>.Ok(Snapshot()) : NotParticipant<SessionSnapshot>(viewerId));

    public Task<SessionOutcome<long>> CheckReadAsync(string viewerId, long afterSeq)
    {
        if (!IsParticipant(viewerId)) return Task.FromResult(NotParticipant<long>(viewerId));
        if (afterSeq < 0 || afterSeq > log.LastSeq)
            return Task.FromResult(SessionOutcome<long>.Rejected(SessionRejectionReason.InvalidInput,
                $"This session's events run from 1 to {log.LastSeq}; there is nothing to resume after {afterSeq}. Open the session again to catch up."));
        return Task.FromResult(SessionOutcome<long>.Ok(log.LastSeq));
    }

    public async Task<SessionOutcome<bool>> CancelAsync(string viewerId)
    {
        if (!IsParticipant(viewerId)) return NotParticipant<bool>(viewerId);
        if (running is not { } run) return SessionOutcome<bool>.Ok(false);
        run.Stop(ReplyStop.Cancelled);
        SessionLog.Cancelled(logger, SessionId, run.ReplyTurnSeq, viewerId);
        // The stopped status and the turn event follow at once; wait briefly so a caller knows the turn is stored.
        await run.Completion.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(ConfigureAwaitOptions.ContinueOnCapturedContext | ConfigureAwaitOptions.SuppressThrowing);
        return SessionOutcome<bool>.Ok(true);
    }

    SessionSnapshot Snapshot()
    {
        var visible = turns.TakeLast(100).Select(SessionEvents.ToTurn).ToList();
        if (running is { } run)
            visible.Add(new SessionTurn
            {
                Seq = run.ReplyTurnSeq, Role = run.Sponsor is null ? SessionRole.Post : SessionRole.Sponsor, Sponsored = run.Sponsor is not null,
                Text = run.Released, Status = SessionTurnStatus.InProgress, BranchId = CurrentBranch,
            });
        return new SessionSnapshot
        {
            SessionId = SessionId,
            PostId = session!.PostId,
            PostVersion = session.PostVersion,
            Title = program.Title,
            Kind = program.Kind,
            Greeting = session.Greeting,
            StateJson = schema.VisibleJson(state),
            Turns = [.. visible],
            LastEventSeq = log.LastSeq,
            SuggestedReplies = program.SuggestedReplies,
            BranchId = CurrentBranch,
            Branches = BranchList(),
            RoomCode = session.RoomClosed ? null : session.RoomCode,
            OwnerId = session.OwnerId,
            Sponsor = BrandCard(),
            Participants = People(),
            AcceptsImages = AcceptsImages(),
        };
    }

    async Task LoadAsync(SessionDocument document, CancellationToken cancellationToken, PostProgram? published = null)
    {
        var found = published ?? await FindProgramAsync(document);
        programAvailable = found is not null;
        program = found ?? new PostProgram { PostId = document.PostId, Version = document.PostVersion, Title = "This post is no longer available" };
        schema = StateSchema.Build(program.StateSchema);
        foreach (var problem in schema.Problems) SessionLog.SchemaProblem(logger, program.PostId, program.Version, problem);

        await LoadPathAsync(cancellationToken);
        var loaded = turns.ToList();
        lastTurnSeq = Math.Max(document.LastTurnSeq, loaded.Count > 0 ? loaded[^1].Seq : 0);
        var lastEventSeq = Math.Max(document.LastEventSeq, loaded.Count > 0 ? loaded.Max(t => t.LastEventSeq) : 0);
        // A turn stored after the session document was last written is newer than the document's state.
        var newer = loaded.LastOrDefault(t => t.Seq > document.LastTurnSeq && t.StateJson is not null);
        state = schema.Normalize(newer?.StateJson ?? document.StateJson);
        log = new EventLog(lastEventSeq);
        if (loaded.Count > 0 && loaded[^1].Role == TurnRole.Viewer)
            await CloseOrphanedMessageAsync(loaded[^1]);
    }

    bool IsParticipant(string viewerId) => session is not null && session.Participants.Contains(viewerId, StringComparer.Ordinal);

    static SessionOutcome<T> NotFound<T>() => SessionOutcome<T>.Rejected(SessionRejectionReason.NotFound,
        "There is no such session among yours. Open the post again to start or continue your session.");

    /// <summary>
    /// Refuses someone who does not take part: a viewer the room's owner removed is told so (as a stream that was open
    /// when they were removed tells them); anyone else hears that there is no such session.
    /// </summary>
    SessionOutcome<T> NotParticipant<T>(string viewerId) =>
        session is not null && session.RemovedIds.Contains(viewerId, StringComparer.Ordinal)
            ? SessionOutcome<T>.Rejected(SessionRejectionReason.NotFound, "You are no longer in this room: its owner removed you.")
            : NotFound<T>();
}
