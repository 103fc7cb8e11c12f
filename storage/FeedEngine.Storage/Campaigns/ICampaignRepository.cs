namespace FeedEngine.Storage.Campaigns;

public interface ICampaignRepository
{
    Task<WriteOutcome> InsertAsync(CampaignDocument campaign, CancellationToken cancellationToken = default);

    Task<CampaignDocument?> FindAsync(string campaignId, CancellationToken cancellationToken = default);

    /// <summary>Replaces the campaign when its stored version equals <c>campaign.Version</c>.</summary>
    Task<WriteOutcome> UpdateAsync(CampaignDocument campaign, CancellationToken cancellationToken = default);

    /// <summary>The advertiser's campaigns, newest first.</summary>
    Task<IReadOnlyList<CampaignDocument>> ListByAdvertiserAsync(string advertiserId, CancellationToken cancellationToken = default);

    /// <summary>Campaigns in one review status, the longest waiting first (by <see cref="CampaignDocument.SubmittedAt"/>).</summary>
    Task<IReadOnlyList<CampaignDocument>> ListByReviewAsync(ReviewStatus status, int limit = 100, CancellationToken cancellationToken = default);

    /// <summary>Approved, unpaused campaigns whose schedule includes <paramref name="at"/> (budgets are checked by the caller).</summary>
    Task<IReadOnlyList<CampaignDocument>> ListLiveAsync(DateTime at, CancellationToken cancellationToken = default);
}

public interface IAdEventRepository
{
    /// <summary>Records an event once; an event whose id exists is a <see cref="WriteOutcome.Duplicate"/> and changes nothing.</summary>
    Task<WriteOutcome> RecordAsync(AdEventDocument adEvent, CancellationToken cancellationToken = default);

    Task<AdEventDocument?> FindAsync(string eventId, CancellationToken cancellationToken = default);

    /// <summary>A campaign's events with <c>from &lt;= occurredAt &lt; to</c> (either bound optional), oldest first.</summary>
    Task<IReadOnlyList<AdEventDocument>> ListByCampaignAsync(string campaignId, DateTime? from = null, DateTime? to = null, CancellationToken cancellationToken = default);
}

public interface IAdLedgerRepository
{
    /// <summary>Appends an entry once; an entry whose id exists is a <see cref="WriteOutcome.Duplicate"/> and changes nothing.</summary>
    Task<WriteOutcome> AppendAsync(AdLedgerEntryDocument entry, CancellationToken cancellationToken = default);

    Task<AdLedgerEntryDocument?> FindAsync(string entryId, CancellationToken cancellationToken = default);

    /// <summary>A campaign's entries with <c>from &lt;= occurredAt &lt; to</c> (either bound optional), oldest first.</summary>
    Task<IReadOnlyList<AdLedgerEntryDocument>> ListByCampaignAsync(string campaignId, DateTime? from = null, DateTime? to = null, CancellationToken cancellationToken = default);
}
