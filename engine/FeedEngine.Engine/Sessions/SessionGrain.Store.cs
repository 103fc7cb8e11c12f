using FeedEngine.Engine.Abstractions.Sessions;
using FeedEngine.Engine.State;
using FeedEngine.Safety.Filters;
using FeedEngine.Storage;
using FeedEngine.Storage.Sessions;

namespace FeedEngine.Engine.Sessions;

internal sealed partial class SessionGrain
{
    /// <summary>Releases what the filters held, applies the state changes, and stores the turn once; then the turn event.</summary>
    async Task FinishAsync(ReplyRun run, OutputFilterChain chain, StateBlockFilter stateFilter, SessionStatus? status, string? error)
    {
        var (turnStatus, stop) = await SettleReplyAsync(run, chain, status, error);

        string? newStateJson = null;
        if (turnStatus is TurnStatus.Complete or TurnStatus.Stopped)
        {
            foreach (var problem in stateFilter.Problems) SessionLog.StateRejected(logger, SessionId, run.ReplyTurnSeq, null, problem);
            var outcome = StateChanges.Apply(schema, state, stateFilter.Blocks);
            NoteStateChanges(run, outcome, stateFilter.Problems);
            foreach (var rejection in outcome.Rejected) SessionLog.StateRejected(logger, SessionId, run.ReplyTurnSeq, rejection.Variable, rejection.Reason);
            metrics.StateChanges(outcome.Applied.Count, outcome.Rejected.Count + stateFilter.Problems.Count);
            if (outcome.Changed)
            {
                var before = schema.VisibleJson(state);
                state = outcome.State;
                newStateJson = state.ToJsonString();
                var after = schema.VisibleJson(state);
                if (after != before) Emit(run, new SessionEvent { Kind = SessionEventKind.State, StateJson = after });
            }
        }

        EmitEnding(run, turnStatus, status, stop, error);

        var offer = await ChooseSponsoredAsync(run, turnStatus);
        var picture = await PlanPictureAsync(run, turnStatus);
        await StoreReplyAsync(run.Message.MessageId, run.ReplyTurnSeq, StoredReplyText(run), turnStatus, run.Events, newStateJson, ReplyCategories(run),
            imagePending: picture is not null);
        if (offer is not null) await PlaceSponsoredAsync(run, offer);
        await AfterReplyStoredAsync(run, picture);
        // The next message may come as soon as the turn event is out; the session document catches up meanwhile.
        if (ReferenceEquals(running, run)) running = null;
        ScheduleMemory();
        await TakeNextWaitingAsync();
        await sessionWrites;
        metrics.ReplyEnded(turnStatus, time.GetElapsedTime(run.StartedAt));
    }

    /// <summary>
    /// Ends a reply's stream (the post's or a brand's): releases what the filters held, moderates the finished text, and
    /// decides the turn's status from why it stopped.
    /// </summary>
    async Task<(TurnStatus Status, FilterStop? Stop)> SettleReplyAsync(ReplyRun run, OutputFilterChain chain, SessionStatus? status, string? error)
    {
        var tail = chain.Complete();
        if (run.StopReason != ReplyStop.Blocked && tail.Stop is null) Release(run, tail.Released);
        var stop = await ModerateReplyAsync(run, chain.Stopped ?? tail.Stop, status, error);
        var turnStatus = (run.StopReason, status, error, stop) switch
        {
            (_, _, _, not null) => TurnStatus.Blocked,
            (ReplyStop.Cancelled, _, _, _) => TurnStatus.Stopped,
            (ReplyStop.Interrupted, _, _, _) => TurnStatus.Interrupted,
            (_, not null, _, _) or (_, _, not null, _) => TurnStatus.Interrupted,
            _ => TurnStatus.Complete,
        };
        return (turnStatus, stop);
    }

    /// <summary>The status (given, or the one the turn's status calls for) and the error, as events before the turn event.</summary>
    void EmitEnding(ReplyRun run, TurnStatus turnStatus, SessionStatus? status, FilterStop? stop, string? error)
    {
        status ??= turnStatus switch
        {
            TurnStatus.Stopped => new SessionStatus { Code = SessionStatusCode.Stopped, Message = "You stopped this reply." },
            TurnStatus.Interrupted when error is null => new SessionStatus { Code = SessionStatusCode.Interrupted, Message = "The reply was cut off when the server moved or restarted. Send your message again." },
            TurnStatus.Blocked => new SessionStatus { Code = SessionStatusCode.Blocked, Message = stop?.Message ?? "This reply was blocked." },
            _ => null,
        };
        if (status is not null) Emit(run, new SessionEvent { Kind = SessionEventKind.Status, Status = status });
        if (error is not null) Emit(run, new SessionEvent { Kind = SessionEventKind.Error, Text = error });
    }

    /// <summary>At activation: a message whose reply was lost with the process gets an empty, interrupted reply.</summary>
    async Task CloseOrphanedMessageAsync(TurnDocument message)
    {
        // A regenerated reply (on a branch made after the message) has its own number and key.
        var messageId = message.Seq == lastTurnSeq ? MessageIdOf(message) : $"{MessageIdOf(message)}~{lastTurnSeq + 1}";
        SkipStreamedSeqs();
        var status = new SessionEvent
        {
            Seq = log.NextSeq,
            Kind = SessionEventKind.Status,
            Status = new SessionStatus { Code = SessionStatusCode.Interrupted, Message = "The reply was lost when the server stopped. Send your message again." },
        };
        log.Append(status);
        await StoreReplyAsync(messageId, lastTurnSeq + 1, "", TurnStatus.Interrupted, Single(LoggedEvent.Of(status)), null);
    }

    static EventChunks Single(LoggedEvent item)
    {
        var events = new EventChunks();
        events.Add(item);
        return events;
    }

    async Task StoreReplyAsync(string messageId, long replySeq, string text, TurnStatus status, EventChunks logged, string? newStateJson,
        List<string>? moderationCategories = null, bool imagePending = false)
    {
        // While the store is unavailable the viewer is told (a saving status); the write that lands carries the saved one.
        SessionEvent? saved = null;
        var turnEvent = new SessionEvent();
        TurnDocument Build()
        {
            // Read on every attempt: events may join the reply while a write is retried (a co-play message queued, the saving status).
            var events = logged.Select(e => e.Event).ToList();
            saved = events.Any(e => e.Status?.Code == SessionStatusCode.Saving) ? SavedStatus(log.NextSeq) : null;
            turnEvent = new SessionEvent
            {
                Seq = log.NextSeq + (saved is null ? 0 : 1),
                Kind = SessionEventKind.Turn,
                Text = text,
                TurnSeq = replySeq,
                Role = SessionRole.Post,
                TurnStatus = (SessionTurnStatus)status,
                BranchId = CurrentBranch,
                ImagePending = imagePending,
            };
            List<SessionEvent> carried = saved is null ? [.. events, turnEvent] : [.. events, saved, turnEvent];
            return new TurnDocument
            {
                SessionId = SessionId,
                Seq = replySeq,
                Role = TurnRole.Post,
                AuthorId = program.PostId,
                BranchId = CurrentBranch,
                Text = text,
                Status = status,
                FirstEventSeq = carried[0].Seq,
                LastEventSeq = turnEvent.Seq,
                StateJson = newStateJson,
                Events = [.. carried.Select(SessionEvents.ToRecord)],
                IdempotencyKey = ReplyKey(messageId),
                ModerationCategories = moderationCategories ?? [],
                CreatedAt = time.GetUtcNow().UtcDateTime,
            };
        }
        TurnDocument turn = null!;
        var outcome = await StoreRetry.RunAsync(() => turnStore.AppendAsync(turn = Build()), time, (e, attempt) =>
        {
            SessionLog.StoreRetry(logger, e, SessionId, replySeq, attempt);
            if (attempt == 1) logged.Add(LoggedEvent.Of(log.Append(SavingStatus())));
        });
        if (outcome == WriteOutcome.Duplicate)
        {
            SessionLog.ReplyAlreadyStored(logger, SessionId, replySeq);
            if (saved is not null) await MatchRetriedTurnAsync(turn);
        }
        if (saved is not null) log.Append(saved);
        log.Append(turnEvent);
        log.MarkDurable();
        AddTurn(turn);
        var previous = sessionWrites;
        sessionWrites = WriteSessionAsync(previous);
    }

    Task<WriteOutcome> AppendWithRetryAsync(TurnDocument turn) =>
        StoreRetry.RunAsync(() => turnStore.AppendAsync(turn), time, (e, attempt) => SessionLog.StoreRetry(logger, e, SessionId, turn.Seq, attempt));

    /// <summary>Records the session's progress (last turn, last event, state); writes run one after another. True when it landed.</summary>
    async Task<bool> WriteSessionAsync(Task previous)
    {
        await previous.ConfigureAwait(ConfigureAwaitOptions.ContinueOnCapturedContext | ConfigureAwaitOptions.SuppressThrowing);
        try
        {
            for (var attempt = 1; attempt <= 2; attempt++)
            {
                var document = session!;
                document.LastTurnSeq = lastTurnSeq;
                document.LastEventSeq = log.DurableSeq;
                document.StateJson = state.ToJsonString();
                document.ReservedEventSeq = Math.Max(document.ReservedEventSeq, reservingSeq);
                document.UpdatedAt = time.GetUtcNow().UtcDateTime;
                var outcome = await sessions.UpdateAsync(document);
                if (outcome == WriteOutcome.Ok) return true;
                if (outcome != WriteOutcome.Conflict || await sessions.FindAsync(SessionId) is not { } current)
                {
                    SessionLog.SessionWriteFailed(logger, SessionId, outcome.ToString());
                    return false;
                }
                // Someone else wrote the document (participants, say): keep theirs, write our progress on top.
                session = current;
            }
        }
        catch (Exception e)
        {
            // The turns are the truth; the next activation catches the document up from them.
            SessionLog.SessionWriteFailed(logger, SessionId, e.Message);
        }
        return false;
    }
}
