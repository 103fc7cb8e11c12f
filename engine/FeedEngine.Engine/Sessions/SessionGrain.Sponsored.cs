using FeedEngine.Engine.Abstractions.Ads;
using FeedEngine.Engine.Abstractions.Sessions;
using FeedEngine.Safety.Moderation;
using FeedEngine.Storage;
using FeedEngine.Storage.Posts;
using FeedEngine.Storage.Sessions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FeedEngine.Engine.Sessions;

/// <summary>
/// Sponsored turns. After a complete reply, at an ad opportunity (the post is ad-eligible; the viewer has sent at least
/// <see cref="SponsoredTurnOptions.FirstAfterViewerTurns"/> messages and <see cref="SponsoredTurnOptions.EveryViewerTurns"/>
/// since the last sponsored turn), the grain asks the ad system (<see cref="ISponsoredSelector"/>, when the host wired
/// one) for an offer, passing the post's kind, tags and rating and the moderation categories of the exchange, which the
/// campaign's exclusions are checked against. The offer becomes its own turn (role sponsor, a <c>sponsored</c> event,
/// labelled), placed right after the reply's turn event so the exchange's stream carries it; its impression is recorded
/// once it is stored. The post's persona never sees sponsored turns (they stay out of its prompt).
/// </summary>
internal sealed partial class SessionGrain
{
    ISponsoredSelector? Sponsors => ServiceProvider.GetService<ISponsoredSelector>();

    SponsoredTurnOptions SponsoredOptions => ServiceProvider.GetService<IOptions<SponsoredTurnOptions>>()?.Value ?? new SponsoredTurnOptions();

    /// <summary>Whether the event after <paramref name="seq"/> is a sponsored turn's (placed right after a reply's turn event).</summary>
    bool SponsoredFollows(long seq) => log.TryGet(seq + 1, out var next) && next.Kind == SessionEventKind.Sponsored;

    async Task<SponsoredOffer?> ChooseSponsoredAsync(ReplyRun run, TurnStatus status)
    {
        if (status != TurnStatus.Complete || IsPreview || !programAvailable || !program.AdEligible || Sponsors is not { } sponsors) return null;
        var rules = SponsoredOptions;
        var viewerTurns = turns.Count(t => t.Role == TurnRole.Viewer);
        if (viewerTurns < rules.FirstAfterViewerTurns) return null;
        var lastSponsor = turns.FindLastIndex(t => t.Role == TurnRole.Sponsor);
        if (lastSponsor >= 0 && turns.Skip(lastSponsor + 1).Count(t => t.Role == TurnRole.Viewer) < rules.EveryViewerTurns) return null;

        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(rules.SelectionTimeoutMilliseconds), time);
        var categories = await CategoriesAsync(run, timeout.Token);
        if (categories is null) return null;
        var opportunity = new SponsoredOpportunity
        {
            ViewerId = run.Message.ViewerId,
            SessionId = SessionId,
            PostId = program.PostId,
            PostKind = program.Kind,
            Tags = program.Tags,
            AgeRating = program.AgeRating,
            ModerationCategories = [.. categories],
            Interests = $"{program.Title} {string.Join(' ', program.Tags)}",
        };
        try
        {
            return await sponsors.SelectAsync(opportunity, timeout.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>The moderation categories of the exchange the ad would follow; null (no ad) when they cannot be known in time.</summary>
    async Task<IReadOnlyList<string>?> CategoriesAsync(ReplyRun run, CancellationToken cancellationToken)
    {
        // The session's safety checks already moderated this exchange: use their categories rather than asking twice.
        if (replySafety.TryGetValue(run, out var checkedReply)) return [.. checkedReply.Categories];
        if (ServiceProvider.GetService<ModerationService>() is not { } moderation) return [];
        try
        {
            var rating = program.Rating ?? AgeRating.Mature;
            var decision = await moderation.ModerateAsync(new ModerationRequest(run.Released, ContentKind.ModelReply, Rating: rating, Prompt: run.Message.Text, SubjectId: SessionId), cancellationToken);
            return decision.Blocked ? null : decision.Categories;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>Appends the sponsored event at once (no await before it), then stores the turn and records the impression.</summary>
    async Task PlaceSponsoredAsync(ReplyRun run, SponsoredOffer offer)
    {
        var turnSeq = lastTurnSeq + 1;
        var card = new SponsoredCard { Label = offer.Label, BrandName = offer.BrandName, SuggestedPrompts = offer.SuggestedPrompts, ClickUrl = offer.ClickUrl, PlacementId = offer.PlacementId };
        var sponsored = log.Append(new SessionEvent
        {
            Kind = SessionEventKind.Sponsored,
            Text = offer.Welcome,
            Sponsored = true,
            TurnSeq = turnSeq,
            Role = SessionRole.Sponsor,
            Sponsor = card,
        });
        var turn = new TurnDocument
        {
            SessionId = SessionId,
            Seq = turnSeq,
            Role = TurnRole.Sponsor,
            AuthorId = offer.CampaignId,
            Text = offer.Welcome,
            Status = TurnStatus.Complete,
            Sponsored = true,
            Sponsor = new SponsoredTurn
            {
                PlacementId = offer.PlacementId, CampaignId = offer.CampaignId, BrandName = offer.BrandName, Label = offer.Label,
                SuggestedPrompts = [.. offer.SuggestedPrompts], ClickUrl = offer.ClickUrl,
            },
            FirstEventSeq = sponsored.Seq,
            LastEventSeq = sponsored.Seq,
            Events = [SessionEvents.ToRecord(sponsored)],
            IdempotencyKey = $"{SessionId}:{offer.PlacementId}:sponsored",
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        var outcome = await AppendWithRetryAsync(turn);
        log.MarkDurable();
        AddTurn(turn);
        sessionWrites = WriteSessionAsync(sessionWrites);
        if (outcome == WriteOutcome.Ok) await Sponsors!.RecordAsync(offer.PlacementId, SponsoredEventKind.Impression, run.Message.ViewerId);
    }
}
