using FeedEngine.Ads.Campaigns;
using FeedEngine.Storage;
using FeedEngine.Storage.Campaigns;

namespace FeedEngine.Ads.Events;

/// <summary>What a charge did.</summary>
public enum ChargeOutcome { Charged, AlreadyCharged, BudgetSpent, Counted, Nothing }

/// <summary>The history counters one recorded event adds to its campaign.</summary>
public readonly record struct AdCounts(long Impressions, long Engagements, long Clicks)
{
    public static AdCounts For(AdEventKind kind) => kind switch
    {
        AdEventKind.Impression => new(1, 0, 0),
        AdEventKind.Engagement => new(0, 1, 0),
        _ => new(0, 0, 1),
    };

    public bool Any => Impressions + Engagements + Clicks > 0;
}

/// <summary>
/// Charges a campaign's budget exactly once per charge id, never past its total or daily budget. One versioned
/// compare-and-swap on the budget document checks the budget and adds the charge (check and decrement in one write),
/// leaving the charge pending; the ledger entry (id = the charge id) is written next and the pending mark cleared. Any
/// writer that finds a pending charge finishes it first, so a crash between the two writes is repaired by the next
/// charge, the ranking job or <see cref="SettleAsync"/>; and a charge whose ledger entry exists is never applied again.
/// </summary>
public sealed class BudgetCharger(IAdBudgetRepository budgets, IAdLedgerRepository ledger, TimeProvider time)
{
    const int MaxAttempts = 64;

    /// <summary>The campaign's local day, as budgets and pacing key it.</summary>
    public static string DayOf(CampaignDocument campaign, DateTime utc) =>
        CampaignTime.LocalDate(utc, CampaignTime.ZoneOf(campaign.TimeZone)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Charges <paramref name="amount"/> under <paramref name="chargeId"/> (0: nothing to charge) and adds
    /// <paramref name="counts"/> to the history (only for an event recorded for the first time).
    /// </summary>
    public async Task<ChargeOutcome> ChargeAsync(CampaignDocument campaign, string chargeId, decimal amount, AdCounts counts, DateTime occurredAt,
        CancellationToken cancellationToken = default)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var budget = await budgets.FindAsync(campaign.Id, cancellationToken) ?? new AdBudgetDocument { Id = campaign.Id };
            if (budget.Pending is not null)
            {
                await FinishAsync(budget, cancellationToken);
                continue;
            }
            var charge = amount;
            var outcome = ChargeOutcome.Charged;
            if (charge > 0 && await ledger.FindAsync(chargeId, cancellationToken) is not null)
            {
                charge = 0;
                outcome = ChargeOutcome.AlreadyCharged;
            }
            var now = time.GetUtcNow().UtcDateTime;
            var day = DayOf(campaign, now);
            if (budget.Day != day)
            {
                budget.Day = day;
                budget.DaySpent = 0;
            }
            if (charge > 0 && (budget.Spent + charge > campaign.TotalBudget || budget.DaySpent + charge > campaign.DailyBudget))
            {
                charge = 0;
                outcome = ChargeOutcome.BudgetSpent;
            }
            if (charge == 0 && !counts.Any) return amount == 0 ? ChargeOutcome.Nothing : outcome;
            if (amount == 0) outcome = ChargeOutcome.Counted;

            budget.Impressions += counts.Impressions;
            budget.Engagements += counts.Engagements;
            budget.Clicks += counts.Clicks;
            if (charge > 0)
            {
                budget.Spent += charge;
                budget.DaySpent += charge;
                budget.Charges++;
                budget.Pending = new AdPendingCharge { ChargeId = chargeId, EventId = chargeId, Amount = charge, Currency = campaign.Currency, OccurredAt = occurredAt };
            }
            budget.UpdatedAt = now;
            if (await budgets.SaveAsync(budget, cancellationToken) != WriteOutcome.Ok) continue;
            if (budget.Pending is not null) await FinishAsync(budget, cancellationToken);
            return outcome;
        }
        throw new InvalidOperationException($"The budget of campaign {campaign.Id} kept changing; gave up after {MaxAttempts} attempts.");
    }

    /// <summary>Finishes a pending charge, if any, and returns the budget as it is after.</summary>
    public async Task<AdBudgetDocument> SettleAsync(string campaignId, CancellationToken cancellationToken = default)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var budget = await budgets.FindAsync(campaignId, cancellationToken) ?? new AdBudgetDocument { Id = campaignId };
            if (budget.Pending is null) return budget;
            await FinishAsync(budget, cancellationToken);
        }
        throw new InvalidOperationException($"The budget of campaign {campaignId} kept changing; gave up after {MaxAttempts} attempts.");
    }

    /// <summary>Writes the pending charge's ledger entry (a duplicate means it was written already), then clears the mark.</summary>
    async Task FinishAsync(AdBudgetDocument budget, CancellationToken cancellationToken)
    {
        var pending = budget.Pending!;
        await ledger.AppendAsync(new AdLedgerEntryDocument
        {
            Id = pending.ChargeId,
            CampaignId = budget.Id,
            EventId = pending.EventId,
            Amount = pending.Amount,
            Currency = pending.Currency,
            OccurredAt = pending.OccurredAt,
        }, cancellationToken);
        budget.Pending = null;
        budget.UpdatedAt = time.GetUtcNow().UtcDateTime;
        // A conflict means another writer finished it first.
        await budgets.SaveAsync(budget, cancellationToken);
    }
}
