using FeedEngine.Ads.Campaigns;
using FeedEngine.Ads.Events;
using FeedEngine.Ads.Serving;
using FeedEngine.Storage;
using FeedEngine.Storage.Campaigns;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FeedEngine.Ads.Ranking;

/// <summary>What one ranking run did.</summary>
public sealed record AdRankingRun(string RunId, bool Switched, int Campaigns, int Eligible, int Segments, int PendingSettled, TimeSpan Duration);

/// <summary>
/// The ranking job (Hangfire runs it every minute; tests call <see cref="RunAsync"/> with their own clock). For every
/// audience segment it ranks the eligible campaigns by expected value (<see cref="AdScoring"/>), paced
/// (<see cref="AdPacing"/>), and writes the slates under a fresh run id. Only when every slate of the run is written does
/// it switch the served set, by a versioned write against the set it read at the start: a run that crashes leaves the
/// previous set served, and of two runs at once only one switches (the other's slates are removed). Older runs' slates
/// go after the switch. It also finishes charges a crashed writer left pending, so the ledger reconciles.
/// </summary>
public sealed partial class AdRankingJob(
    ICampaignRepository campaigns,
    IAdBudgetRepository budgets,
    IAdPacingRepository pacing,
    IAdSlateRepository slates,
    BudgetCharger charger,
    AdRelevance relevance,
    IOptions<AdServingOptions> options,
    TimeProvider time,
    ILogger<AdRankingJob> logger)
{
    const int WriteBatch = 100;

    AdServingOptions Options => options.Value;

    public async Task<AdRankingRun> RunAsync(CancellationToken cancellationToken = default)
    {
        var started = time.GetTimestamp();
        var now = time.GetUtcNow().UtcDateTime;
        var runId = $"{now:yyyyMMddHHmmss}-{DocumentIds.New()[..8]}";
        var current = await slates.FindCurrentAsync(cancellationToken);

        var live = await campaigns.ListLiveAsync(now, cancellationToken);
        var ids = live.Select(c => c.Id).ToList();
        var budgetById = (await budgets.FindManyAsync(ids, cancellationToken)).ToDictionary(b => b.Id, StringComparer.Ordinal);
        var settled = 0;
        foreach (var budget in budgetById.Values.Where(b => b.Pending is not null).ToList())
        {
            budgetById[budget.Id] = await charger.SettleAsync(budget.Id, cancellationToken);
            settled++;
        }
        var days = live.ToDictionary(c => c.Id, c => BudgetCharger.DayOf(c, now), StringComparer.Ordinal);
        var pacingById = (await pacing.FindManyAsync([.. ids.Select(id => AdPacingDocument.MakeId(id, days[id]))], cancellationToken))
            .ToDictionary(p => p.CampaignId, StringComparer.Ordinal);

        var candidates = Candidates(live, budgetById, pacingById, now);
        var segments = Segments();
        await relevance.WarmAsync([.. segments.Select(s => s.Text), .. candidates.SelectMany(c => c.Campaign.Targeting.Interests)], cancellationToken);

        var written = new List<AdSlateDocument>(WriteBatch);
        foreach (var segment in segments)
        {
            written.Add(Rank(runId, segment, candidates, now));
            if (written.Count < WriteBatch) continue;
            await slates.WriteAsync([.. written], cancellationToken);
            written.Clear();
        }
        if (written.Count > 0) await slates.WriteAsync(written, cancellationToken);

        var set = current ?? new AdSlateSetDocument();
        var previous = set.RunId.Length > 0 ? set.RunId : null;
        set.PreviousRunId = previous;
        set.RunId = runId;
        set.Segments = segments.Count;
        set.RanAt = now;
        var switched = await slates.SaveCurrentAsync(set, cancellationToken) == WriteOutcome.Ok;
        var served = await slates.FindCurrentAsync(cancellationToken);
        var keep = new[] { served?.RunId, served?.PreviousRunId }.OfType<string>().ToArray();
        await slates.DeleteRunsExceptAsync(keep, cancellationToken);

        var run = new AdRankingRun(runId, switched, live.Count, candidates.Count, segments.Count, settled, time.GetElapsedTime(started));
        if (switched) LogRan(runId, run.Campaigns, run.Eligible, run.Segments, run.Duration.TotalMilliseconds);
        else LogLostRace(runId, served?.RunId);
        return run;
    }

    /// <summary>The segments by id (a slug of the text); the configured texts in order, duplicates removed.</summary>
    public IReadOnlyList<AdSegment> Segments() => AdSegment.From(Options.Segments);

    sealed record Candidate(CampaignDocument Campaign, double PredictedEngagement, double Quality, double PassRate);

    List<Candidate> Candidates(IReadOnlyList<CampaignDocument> live, Dictionary<string, AdBudgetDocument> budgetById,
        Dictionary<string, AdPacingDocument> pacingById, DateTime now)
    {
        var o = Options;
        var result = new List<Candidate>(live.Count);
        foreach (var campaign in live)
        {
            var budget = budgetById.GetValueOrDefault(campaign.Id);
            var day = BudgetCharger.DayOf(campaign, now);
            var spend = budget is null ? CampaignSpend.None : new CampaignSpend(budget.Spent, budget.Day == day ? budget.DaySpent : 0);
            if (!CampaignDelivery.IsEligible(campaign, spend, now)) continue;

            var zone = CampaignTime.ZoneOf(campaign.TimeZone);
            var date = CampaignTime.LocalDate(now, zone);
            var elapsed = AdPacing.ElapsedShare(now, CampaignTime.DayStartUtc(date, zone), CampaignTime.DayStartUtc(date.AddDays(1), zone));
            var delivered = pacingById.GetValueOrDefault(campaign.Id)?.Delivered ?? 0;
            var pass = AdPacing.PassRate(Math.Max(delivered, spend.Today), campaign.DailyBudget, elapsed, o.PacingLead, o.PacingGain);
            if (pass <= 0) continue;

            var impressions = budget?.Impressions ?? 0;
            var engagement = AdScoring.Smoothed(budget?.Engagements ?? 0, impressions, o.PriorEngagements, o.PriorNonEngagements);
            var clickRate = AdScoring.Smoothed(budget?.Clicks ?? 0, impressions, o.PriorClicks, o.PriorNonClicks);
            var quality = Math.Clamp(clickRate / (o.PriorClicks / (o.PriorClicks + o.PriorNonClicks)), 0.5, 2);
            result.Add(new Candidate(campaign, engagement, quality, pass));
        }
        return result;
    }

    AdSlateDocument Rank(string runId, AdSegment segment, List<Candidate> candidates, DateTime now)
    {
        var o = Options;
        var prior = o.PriorEngagements / (o.PriorEngagements + o.PriorNonEngagements);
        var segmentVector = relevance.Cached(segment.Text);
        var similarity = new Dictionary<string, double>(StringComparer.Ordinal);
        // Keep the best SlateSize + 1 (the extra one prices the last), smallest score on top of the heap.
        var best = new PriorityQueue<(Candidate Candidate, AdSignals Signals, double Score), double>();
        foreach (var candidate in candidates)
        {
            var interests = candidate.Campaign.Targeting.Interests;
            double rel;
            if (interests.Count == 0) rel = o.BroadRelevance;
            else
            {
                rel = 0;
                foreach (var interest in interests)
                {
                    if (!similarity.TryGetValue(interest, out var s))
                        similarity[interest] = s = AdRelevance.Similarity(relevance.Cached(interest), segmentVector);
                    rel = Math.Max(rel, s);
                }
                if (rel < o.MinRelevance) continue;
            }
            var signals = new AdSignals(candidate.Campaign.Bid, candidate.Campaign.BidType, candidate.PredictedEngagement, rel, candidate.Quality);
            var score = AdScoring.Score(signals, prior);
            if (score <= 0) continue;
            if (best.Count <= o.SlateSize) best.Enqueue((candidate, signals, score), score);
            else if (best.TryPeek(out _, out var lowest) && score > lowest) best.EnqueueDequeue((candidate, signals, score), score);
        }

        var ranked = new List<(Candidate Candidate, AdSignals Signals, double Score)>(best.Count);
        while (best.TryDequeue(out var item, out _)) ranked.Add(item);
        ranked.Sort((a, b) => b.Score != a.Score ? b.Score.CompareTo(a.Score) : string.CompareOrdinal(a.Candidate.Campaign.Id, b.Candidate.Campaign.Id));

        var entries = new List<AdSlateEntry>(Math.Min(ranked.Count, o.SlateSize));
        for (var i = 0; i < ranked.Count && i < o.SlateSize; i++)
        {
            var (candidate, signals, score) = ranked[i];
            double? runnerUp = i + 1 < ranked.Count ? ranked[i + 1].Score : null;
            entries.Add(new AdSlateEntry
            {
                CampaignId = candidate.Campaign.Id,
                Score = score,
                Price = AdScoring.SecondPrice(signals, runnerUp, Reserve(signals.BidType), prior),
                PassRate = candidate.PassRate,
                Relevance = signals.Relevance,
                PredictedEngagement = signals.PredictedEngagement,
                Quality = signals.Quality,
            });
        }
        return new AdSlateDocument { Id = AdSlateDocument.MakeId(runId, segment.Id), RunId = runId, SegmentId = segment.Id, Entries = entries, CreatedAt = now };
    }

    internal decimal Reserve(BidType type) => type == BidType.Cpm ? Options.ReservePriceCpm : Options.ReservePriceCpe;

    [LoggerMessage(Level = LogLevel.Information, Message = "Ad ranking run {RunId}: {Campaigns} live campaigns, {Eligible} eligible, {Segments} slates in {Milliseconds} ms")]
    partial void LogRan(string runId, int campaigns, int eligible, int segments, double milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ad ranking run {RunId} lost the switch to run {ServedRunId} (another run finished first); its slates are dropped")]
    partial void LogLostRace(string runId, string? servedRunId);
}
