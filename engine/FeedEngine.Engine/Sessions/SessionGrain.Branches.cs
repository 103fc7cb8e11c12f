using FeedEngine.Engine.Abstractions.Sessions;
using FeedEngine.Storage.Sessions;

namespace FeedEngine.Engine.Sessions;

/// <summary>
/// Regenerate and branches. Turn numbers stay unique per session (new turns take the next number whatever their branch),
/// so events keep growing with turns and resume is unchanged; a branch is its parent's path up to the fork, then its own turns.
/// </summary>
internal sealed partial class SessionGrain
{
    const string MainBranch = TurnDocument.MainBranch;
    const int StateScanPage = 50;

    string CurrentBranch => session?.CurrentBranchId ?? MainBranch;

    public async Task<SessionOutcome<SessionSnapshot>> BranchAsync(string viewerId, long turnSeq)
    {
        if (CheckBranching<SessionSnapshot>(viewerId) is { } refused) return refused;
        if (turnSeq < 0) return Invalid<SessionSnapshot>($"Turn numbers start at 1 (0 branches from the greeting); {turnSeq} is not one.");
        if (turnSeq > 0)
        {
            if (await FindOnPathAsync(CurrentBranch, turnSeq) is not { } turn)
                return Invalid<SessionSnapshot>($"There is no turn {turnSeq} on this branch. Pick a turn number from the session's turns.");
            if (turn.Role == TurnRole.Viewer)
                return Invalid<SessionSnapshot>($"Turn {turnSeq} is a message. Branch from a reply, or regenerate the reply to get a new answer to that message.");
        }
        await ForkAsync(turnSeq, "branch");
        return SessionOutcome<SessionSnapshot>.Ok(Snapshot());
    }

    public async Task<SessionOutcome<SendReceipt>> RegenerateAsync(string viewerId, long turnSeq)
    {
        if (CheckBranching<SendReceipt>(viewerId) is { } refused) return refused;
        if (turns.Count < 2 || turns[^1] is not { Role: TurnRole.Post } last || last.Seq != turnSeq || turns[^2] is not { Role: TurnRole.Viewer } message)
            return Invalid<SendReceipt>($"Turn {turnSeq} is not the last reply on this branch, so it cannot be regenerated. To go back further, branch from an earlier reply.");
        if (!programAvailable)
            return SessionOutcome<SendReceipt>.Rejected(SessionRejectionReason.NotFound, "This post is no longer available, so it cannot reply.");
        var permit = await GrainFactory.GetGrain<IViewerGrain>(viewerId).AcquireSendAsync();
        if (!permit.Granted)
            return SessionOutcome<SendReceipt>.Rejected(SessionRejectionReason.RateLimited,
                $"You are sending messages faster than {Options.SendsPerMinute} a minute. Try again in {permit.RetryAfterSeconds} s.", permit.RetryAfterSeconds);

        await ForkAsync(message.Seq, "regenerate");
        var replySeq = lastTurnSeq + 1;
        var again = new ViewerMessage
        {
            ViewerId = message.AuthorId,
            MessageId = $"{MessageIdOf(message)}~{replySeq}",
            Text = message.Text,
            ImageIds = [.. message.ImageIds],
            AuthorName = message.AuthorName,
        };
        var receipt = new SendReceipt { AfterSeq = log.LastSeq, MessageTurnSeq = message.Seq, ReplyTurnSeq = replySeq };
        StartReply(again, receipt);
        return SessionOutcome<SendReceipt>.Ok(receipt);
    }

    public async Task<SessionOutcome<SessionSnapshot>> SwitchBranchAsync(string viewerId, string branchId)
    {
        if (CheckBranching<SessionSnapshot>(viewerId) is { } refused) return refused;
        if (branchId != MainBranch && FindBranch(branchId) is null)
            return Invalid<SessionSnapshot>($"This session has no branch '{branchId}'. Pick one from the session's branches.");
        if (branchId != CurrentBranch)
        {
            session!.CurrentBranchId = branchId;
            await LoadPathAsync();
            state = schema.Normalize(await StateAtAsync(branchId, long.MaxValue));
            AnnounceBranch(viewerId, "switched to another branch");
            await SaveSessionAsync();
        }
        return SessionOutcome<SessionSnapshot>.Ok(Snapshot());
    }

    SessionOutcome<T>? CheckBranching<T>(string viewerId)
    {
        if (!IsParticipant(viewerId)) return NotParticipant<T>(viewerId);
        if (session!.OwnerId != viewerId)
            return SessionOutcome<T>.Rejected(SessionRejectionReason.InvalidInput, "Only the session's owner can regenerate, branch or switch branches.");
        if (running is not null)
            return SessionOutcome<T>.Rejected(SessionRejectionReason.ReplyInProgress, "A reply is still being written. Wait for it to finish, or cancel it, then try again.");
        if (session.Branches.Count >= SessionLimits.MaxBranches)
            return SessionOutcome<T>.Rejected(SessionRejectionReason.InvalidInput,
                $"This session has {SessionLimits.MaxBranches} branches, the most it can keep. Start a new session to explore further.");
        return null;
    }

    static SessionOutcome<T> Invalid<T>(string message) => SessionOutcome<T>.Rejected(SessionRejectionReason.InvalidInput, message);

    /// <summary>Makes a branch of the current one after <paramref name="forkSeq"/> and continues on it.</summary>
    async Task ForkAsync(long forkSeq, string kind)
    {
        var parent = CurrentBranch;
        var branch = new SessionBranchDocument
        {
            Id = $"b{session!.Branches.Count + 1}",
            ParentId = parent,
            ForkSeq = forkSeq,
            BaseStateJson = await StateAtAsync(parent, forkSeq),
            Kind = kind,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        session.Branches.Add(branch);
        session.CurrentBranchId = branch.Id;
        await LoadPathAsync();
        state = schema.Normalize(branch.BaseStateJson);
        AnnounceBranch(session.OwnerId, kind == "regenerate" ? "is regenerating a reply on a new branch" : "started a new branch");
        await SaveSessionAsync();
        SessionLog.Branched(logger, SessionId, branch.Id, parent, forkSeq, kind);
    }

    SessionBranchDocument? FindBranch(string branchId) => session?.Branches.Find(b => b.Id == branchId);

    /// <summary>The branch's path from its newest turn back to the first: each branch with the highest turn number it contributes.</summary>
    IEnumerable<(string BranchId, long ThroughSeq, SessionBranchDocument? Branch)> Segments(string branchId)
    {
        var through = long.MaxValue;
        var id = branchId;
        for (var depth = 0; depth <= SessionLimits.MaxBranches; depth++)
        {
            var branch = id == MainBranch ? null : FindBranch(id);
            yield return (id, through, branch);
            if (branch is null) yield break;
            through = Math.Min(through, branch.ForkSeq);
            id = branch.ParentId;
        }
    }

    /// <summary>Loads the newest turns of the current branch's path into memory.</summary>
    async Task LoadPathAsync(CancellationToken cancellationToken = default)
    {
        var path = new List<TurnDocument>();
        foreach (var (id, through, branch) in Segments(CurrentBranch))
        {
            var wanted = Options.TurnsInMemory - path.Count;
            if (wanted <= 0) break;
            var own = await turnStore.ListBranchAsync(SessionId, id, through, wanted, cancellationToken);
            path.InsertRange(0, own.Where(t => branch is null || t.Seq > branch.ForkSeq));
        }
        turns.Clear();
        turns.AddRange(path.Select(WithoutTokenEvents));
    }

    /// <summary>The turn numbered <paramref name="seq"/> if it lies on the branch's path.</summary>
    async Task<TurnDocument?> FindOnPathAsync(string branchId, long seq)
    {
        if (turns.Find(t => t.Seq == seq) is { } loaded && branchId == CurrentBranch) return loaded;
        foreach (var (id, through, branch) in Segments(branchId))
        {
            if (seq > through) return null;
            if (branch is not null && seq <= branch.ForkSeq) continue;
            var found = await turnStore.ListBranchAsync(SessionId, id, seq, 1);
            return found.Count == 1 && found[0].Seq == seq ? found[0] : null;
        }
        return null;
    }

    /// <summary>The state (all variables, as JSON) after turn <paramref name="seq"/> of the branch's path.</summary>
    async Task<string> StateAtAsync(string branchId, long seq)
    {
        foreach (var (id, through, branch) in Segments(branchId))
        {
            if (branch is not null && seq <= branch.ForkSeq) continue;
            var scan = Math.Min(seq, through);
            while (true)
            {
                var page = await turnStore.ListBranchAsync(SessionId, id, scan, StateScanPage);
                var own = page.Where(t => branch is null || t.Seq > branch.ForkSeq).ToList();
                if (own.LastOrDefault(t => t.StateJson is not null) is { } changed) return changed.StateJson!;
                if (own.Count < StateScanPage) break;
                scan = own[0].Seq - 1;
            }
            return branch?.BaseStateJson ?? schema.Initial().ToJsonString();
        }
        return schema.Initial().ToJsonString();
    }

    /// <summary>Writes the session document now (after any write in flight), so a branch change outlives the grain.</summary>
    async Task SaveSessionAsync()
    {
        var previous = sessionWrites;
        sessionWrites = WriteSessionAsync(previous);
        await sessionWrites;
    }

    SessionBranch[] BranchList() =>
    [
        new SessionBranch { BranchId = MainBranch, Kind = "main", CreatedAt = session!.CreatedAt },
        .. session.Branches.Select(b => new SessionBranch { BranchId = b.Id, ParentBranchId = b.ParentId, ForkTurnSeq = b.ForkSeq, Kind = b.Kind, CreatedAt = b.CreatedAt }),
    ];

    string MessageIdOf(TurnDocument message)
    {
        var key = message.IdempotencyKey;
        return key.StartsWith(SessionId + ":", StringComparison.Ordinal) && key.EndsWith(":message", StringComparison.Ordinal)
            ? key[(SessionId.Length + 1)..^":message".Length]
            : $"turn-{message.Seq}";
    }
}
