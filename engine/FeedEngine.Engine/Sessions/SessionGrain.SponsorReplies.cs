using System.Text;
using FeedEngine.Engine.Abstractions.Ads;
using FeedEngine.Engine.Abstractions.Sessions;
using FeedEngine.Engine.Prompts;
using FeedEngine.Engine.State;
using FeedEngine.Inference;
using FeedEngine.Inference.Scheduling;
using FeedEngine.Safety.Filters;
using FeedEngine.Storage;
using FeedEngine.Storage.Sessions;
using Microsoft.Extensions.AI;

namespace FeedEngine.Engine.Sessions;

/// <summary>
/// The brand persona's answers. A viewer engages with a sponsored turn by tapping one of its suggested prompts: the very
/// next message after it, equal to one of its prompts, goes to the brand, not the post. Anything else the viewer types is
/// meant for the post, which answers it as usual (an ad the viewer ignores never takes their message, nor bills for it). The campaign's persona,
/// under the platform's rules (<see cref="SponsoredOffer.PersonaRules"/>), answers in its own turn (role sponsor,
/// labelled Sponsored), streamed through the same output filters and moderation as any reply; its state blocks are
/// stripped and refused (the brand cannot change the post's state); the engagement is recorded once, after the
/// viewer's message passed moderation, and billed per the campaign's pricing by the ad system. The next message after
/// the brand's answer goes back to the post, whose persona never sees the brand's turns or the message sent to the brand.
/// A placement that is unknown, not the sender's, or whose campaign stopped serving gets no brand answer: the message
/// goes to the post as usual.
///
/// A brand conversation (a session opened from a sponsored feed card, <see cref="SessionDocument.SponsorPlacementId"/>)
/// answers every message this way, with the conversation so far; when its campaign stops serving, sends are refused.
/// </summary>
internal sealed partial class SessionGrain
{
    const int BrandHistoryTurns = 12;

    SponsoredOffer? brandOffer;

    bool IsBrandSession => session?.SponsorPlacementId is not null;

    /// <summary>Chooses who answers the message just stored: the brand (when the viewer engaged with a sponsored turn, or in a brand conversation) or the post.</summary>
    async Task RunAnyReplyAsync(ReplyRun run)
    {
        var offer = IsBrandSession ? brandOffer : await EngagedOfferAsync(run);
        if (offer is null)
        {
            await RunReplyAsync(run);
            return;
        }
        run.Sponsor = offer;
        await RunSponsorReplyAsync(run, offer);
    }

    /// <summary>The offer of the sponsored turn right before the viewer's message, while its campaign still serves; else null.</summary>
    async Task<SponsoredOffer?> EngagedOfferAsync(ReplyRun run)
    {
        if (Sponsors is not { } sponsors || turns.Count < 2 || turns[^1].Seq != run.Receipt.MessageTurnSeq) return null;
        if (turns[^2] is not { Role: TurnRole.Sponsor, Sponsor: { Answer: false } shown }) return null;
        if (!IsSponsoredPrompt(shown, run.Message.Text)) return null;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(Math.Max(1_000, SponsoredOptions.SelectionTimeoutMilliseconds)), time);
        try
        {
            return await sponsors.FindOfferAsync(shown.PlacementId, run.Message.ViewerId, timeout.Token);
        }
        catch (Exception e) when (e is not OperationCanceledException || timeout.IsCancellationRequested)
        {
            // The ad system is not the conversation: without it, the post answers.
            SessionLog.SponsorUnavailable(logger, SessionId, shown.PlacementId, e.Message);
            return null;
        }
    }

    /// <summary>Whether the message is one of the sponsored turn's prompts (what the panel sends when one is tapped).</summary>
    static bool IsSponsoredPrompt(SponsoredTurn shown, string text) =>
        shown.SuggestedPrompts.Any(p => string.Equals(p.Trim(), text.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>In a brand conversation, before a message is stored: refuses it when the campaign no longer serves.</summary>
    async Task<SessionOutcome<SendReceipt>?> CheckBrandAsync(ViewerMessage message)
    {
        if (session?.SponsorPlacementId is not { } placementId) return null;
        brandOffer = Sponsors is { } sponsors ? await sponsors.FindOfferAsync(placementId, session.OwnerId) : null;
        return brandOffer is null
            ? SessionOutcome<SendReceipt>.Rejected(SessionRejectionReason.NotFound, "This sponsored conversation has ended: the brand is no longer running it. Go back to the feed.")
            : null;
    }

    async Task RunSponsorReplyAsync(ReplyRun run, SponsoredOffer offer)
    {
        // The same filters as the post's replies: state blocks (stripped here, never applied), leaks, personal data, the host's filters.
        var stateFilter = new StateBlockFilter();
        var context = new OutputFilterContext(SessionId, program.PostId, run.Message.ViewerId);
        // The brand persona and its rules are hidden text too: the leak filter guards them with the post's.
        var safety = StartSafety(run, [offer.Persona, .. offer.PersonaRules]);
        var chain = new OutputFilterChain([stateFilter, safety.Filter, .. filterFactories.OrderBy(f => f.Order).Select(f => f.Create(context))]);
        SessionStatus? status = null;
        string? error = null;
        try
        {
            await ScreenMessageAsync(run, safety);
            await RecordEngagementAsync(run, offer);
            await StreamAsync(run, new AssembledPrompt(BrandPrompt(run, offer), 0, 0, [], 0, 0), chain);
        }
        catch (OperationCanceledException) when (run.StopReason != ReplyStop.None)
        {
        }
        catch (InferenceBusyException e)
        {
            var seconds = Math.Max(1, (int)Math.Ceiling(e.RetryAfter.TotalSeconds));
            status = new SessionStatus { Code = SessionStatusCode.Busy, Message = $"Too many conversations at once: the model is busy. Try again in {seconds} s.", RetryAfterSeconds = seconds };
        }
        catch (ModelUnavailableException e)
        {
            status = new SessionStatus { Code = SessionStatusCode.ModelUnavailable, Message = e.Message };
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            SessionLog.ReplyFailed(logger, e, SessionId, run.ReplyTurnSeq);
            error = "The brand's answer failed. Send your message again.";
        }

        try
        {
            await FinishSponsorReplyAsync(run, offer, chain, stateFilter, status, error);
        }
        catch (Exception e)
        {
            SessionLog.FinishFailed(logger, e, SessionId, run.ReplyTurnSeq);
            if (ReferenceEquals(running, run)) running = null;
        }
    }

    /// <summary>The engagement, once per placement (the ad system drops repeats); a failed write is tried again, a lost one costs the brand nothing.</summary>
    async Task RecordEngagementAsync(ReplyRun run, SponsoredOffer offer)
    {
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            try
            {
                await Sponsors!.RecordAsync(offer.PlacementId, SponsoredEventKind.Engagement, run.Message.ViewerId, run.Token);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                SessionLog.SponsorUnavailable(logger, SessionId, offer.PlacementId, e.Message);
            }
        }
    }

    /// <summary>The brand's prompt: its persona and the platform's rules, its welcome, (in a brand conversation) the talk so far, the viewer's message. Nothing of the post.</summary>
    List<ChatMessage> BrandPrompt(ReplyRun run, SponsoredOffer offer)
    {
        var system = new StringBuilder()
            .AppendLine($"You speak for {offer.BrandName} in a message labelled \"{offer.Label}\". You are not the post's character or narrator.");
        if (offer.Persona.Length > 0) system.AppendLine(offer.Persona);
        foreach (var rule in offer.PersonaRules) system.Append("- ").AppendLine(rule);
        system.Append(CanaryLine);
        var messages = new List<ChatMessage> { new(ChatRole.System, system.ToString()), new(ChatRole.Assistant, offer.Welcome) };
        if (IsBrandSession)
        {
            foreach (var turn in turns.Where(t => t.Seq < run.Receipt.MessageTurnSeq && t.Text.Length > 0 && t.Status == TurnStatus.Complete).TakeLast(BrandHistoryTurns))
                messages.Add(new ChatMessage(turn.Role == TurnRole.Viewer ? ChatRole.User : ChatRole.Assistant, turn.Text));
        }
        messages.Add(new ChatMessage(ChatRole.User, run.Message.Text));
        return messages;
    }

    async Task FinishSponsorReplyAsync(ReplyRun run, SponsoredOffer offer, OutputFilterChain chain, StateBlockFilter stateFilter, SessionStatus? status, string? error)
    {
        var (turnStatus, stop) = await SettleReplyAsync(run, chain, status, error);
        // The brand cannot change the post's state: whatever it proposed is refused, and said so in the log.
        if (stateFilter.Blocks.Count > 0 || stateFilter.Problems.Count > 0)
            SessionLog.SponsorStateRefused(logger, SessionId, run.ReplyTurnSeq, offer.CampaignId, stateFilter.Blocks.Count + stateFilter.Problems.Count);

        EmitEnding(run, turnStatus, status, stop, error);

        await StoreSponsorReplyAsync(run, offer, StoredReplyText(run), turnStatus, ReplyCategories(run));
        if (ReferenceEquals(running, run)) running = null;
        await TakeNextWaitingAsync();
        await sessionWrites;
        metrics.ReplyEnded(turnStatus, time.GetElapsedTime(run.StartedAt));
    }

    async Task StoreSponsorReplyAsync(ReplyRun run, SponsoredOffer offer, string text, TurnStatus status, List<string> categories)
    {
        var turnEvent = new SessionEvent
        {
            Seq = log.NextSeq,
            Kind = SessionEventKind.Turn,
            Text = text,
            TurnSeq = run.ReplyTurnSeq,
            Role = SessionRole.Sponsor,
            Sponsored = true,
            TurnStatus = (SessionTurnStatus)status,
            BranchId = CurrentBranch,
        };
        var turn = new TurnDocument
        {
            SessionId = SessionId,
            Seq = run.ReplyTurnSeq,
            Role = TurnRole.Sponsor,
            AuthorId = offer.CampaignId,
            BranchId = CurrentBranch,
            Text = text,
            Status = status,
            Sponsored = true,
            Sponsor = new SponsoredTurn
            {
                PlacementId = offer.PlacementId, CampaignId = offer.CampaignId, BrandName = offer.BrandName, Label = offer.Label,
                ClickUrl = offer.ClickUrl, Answer = true,
            },
            FirstEventSeq = run.Events.Count > 0 ? run.Events[0].Seq : turnEvent.Seq,
            LastEventSeq = turnEvent.Seq,
            Events = [.. run.Events.Select(e => SessionEvents.ToRecord(e.Event)), SessionEvents.ToRecord(turnEvent)],
            IdempotencyKey = ReplyKey(run.Message.MessageId),
            ModerationCategories = categories,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        var outcome = await AppendWithRetryAsync(turn);
        if (outcome == WriteOutcome.Duplicate) SessionLog.ReplyAlreadyStored(logger, SessionId, run.ReplyTurnSeq);
        log.Append(turnEvent);
        log.MarkDurable();
        AddTurn(turn);
        sessionWrites = WriteSessionAsync(sessionWrites);
    }

    /// <summary>
    /// The turns the post's persona may see: never the brand's turns, nor a viewer's message the brand answered
    /// (a message followed by the brand's answer).
    /// </summary>
    List<TurnDocument> PostVisibleTurns()
    {
        var visible = new List<TurnDocument>(turns.Count);
        for (var i = 0; i < turns.Count; i++)
        {
            var turn = turns[i];
            if (turn.Role == TurnRole.Sponsor) continue;
            if (turn.Role == TurnRole.Viewer && i + 1 < turns.Count && turns[i + 1] is { Role: TurnRole.Sponsor, Sponsor.Answer: true }) continue;
            visible.Add(turn);
        }
        return visible;
    }
}
