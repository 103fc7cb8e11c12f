using FeedEngine.Storage.Campaigns;
using LiteDB;

namespace FeedEngine.Storage.Embedded;

sealed class EmbeddedCampaignRepository : ICampaignRepository
{
    readonly EmbeddedDatabase database;
    readonly ILiteCollection<CampaignDocument> campaigns;

    public EmbeddedCampaignRepository(EmbeddedDatabase database)
    {
        this.database = database;
        campaigns = database.Collection<CampaignDocument>("campaigns");
        campaigns.EnsureIndex(c => c.AdvertiserId);
        campaigns.EnsureIndex(c => c.Review);
    }

    public Task<WriteOutcome> InsertAsync(CampaignDocument campaign, CancellationToken cancellationToken = default) =>
        Task.FromResult(database.InsertVersioned(campaigns, campaign));

    public Task<CampaignDocument?> FindAsync(string campaignId, CancellationToken cancellationToken = default) =>
        Task.FromResult<CampaignDocument?>(campaigns.FindById(campaignId));

    public Task<WriteOutcome> UpdateAsync(CampaignDocument campaign, CancellationToken cancellationToken = default) =>
        Task.FromResult(database.ReplaceVersioned(campaigns, campaign));

    public Task<IReadOnlyList<CampaignDocument>> ListByAdvertiserAsync(string advertiserId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<CampaignDocument>>(campaigns.Find(c => c.AdvertiserId == advertiserId)
            .OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id, StringComparer.Ordinal).ToList());

    public Task<IReadOnlyList<CampaignDocument>> ListByReviewAsync(ReviewStatus status, int limit = 100, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<CampaignDocument>>(campaigns.Find(c => c.Review == status)
            .OrderBy(c => c.SubmittedAt).ThenBy(c => c.Id, StringComparer.Ordinal).Take(limit).ToList());

    public Task<IReadOnlyList<CampaignDocument>> ListLiveAsync(DateTime at, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<CampaignDocument>>(campaigns.Find(c => c.Review == ReviewStatus.Approved)
            .Where(c => !c.Paused && c.StartsAt <= at && at < c.EndsAt)
            .OrderBy(c => c.Id, StringComparer.Ordinal).ToList());
}

sealed class EmbeddedAdActivityRepository : IAdEventRepository, IAdLedgerRepository
{
    readonly ILiteCollection<AdEventDocument> events;
    readonly ILiteCollection<AdLedgerEntryDocument> ledger;

    public EmbeddedAdActivityRepository(EmbeddedDatabase database)
    {
        events = database.Collection<AdEventDocument>("adEvents");
        events.EnsureIndex(e => e.CampaignId);
        ledger = database.Collection<AdLedgerEntryDocument>("adLedger");
        ledger.EnsureIndex(e => e.CampaignId);
    }

    public Task<WriteOutcome> RecordAsync(AdEventDocument adEvent, CancellationToken cancellationToken = default) =>
        Task.FromResult(EmbeddedDatabase.TryInsert(events, adEvent));

    public Task<IReadOnlyList<AdEventDocument>> ListByCampaignAsync(string campaignId, DateTime? from = null, DateTime? to = null, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<AdEventDocument>>(events.Find(e => e.CampaignId == campaignId)
            .Where(e => (from is null || e.OccurredAt >= from) && (to is null || e.OccurredAt < to))
            .OrderBy(e => e.OccurredAt).ThenBy(e => e.Id, StringComparer.Ordinal).ToList());

    public Task<WriteOutcome> AppendAsync(AdLedgerEntryDocument entry, CancellationToken cancellationToken = default) =>
        Task.FromResult(EmbeddedDatabase.TryInsert(ledger, entry));

    public Task<AdEventDocument?> FindAsync(string eventId, CancellationToken cancellationToken = default) =>
        Task.FromResult<AdEventDocument?>(events.FindById(eventId));

    Task<AdLedgerEntryDocument?> IAdLedgerRepository.FindAsync(string entryId, CancellationToken cancellationToken) =>
        Task.FromResult<AdLedgerEntryDocument?>(ledger.FindById(entryId));

    Task<IReadOnlyList<AdLedgerEntryDocument>> IAdLedgerRepository.ListByCampaignAsync(string campaignId, DateTime? from, DateTime? to, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<AdLedgerEntryDocument>>(ledger.Find(e => e.CampaignId == campaignId)
            .Where(e => (from is null || e.OccurredAt >= from) && (to is null || e.OccurredAt < to))
            .OrderBy(e => e.OccurredAt).ThenBy(e => e.Id, StringComparer.Ordinal).ToList());
}
