using FeedEngine.Storage.Campaigns;
using MongoDB.Driver;

namespace FeedEngine.Storage.Mongo;

sealed class MongoCampaignRepository(MongoStore store) : ICampaignRepository
{
    readonly IMongoCollection<CampaignDocument> campaigns = store.Campaigns;

    public Task<WriteOutcome> InsertAsync(CampaignDocument campaign, CancellationToken cancellationToken = default) =>
        store.InsertVersionedAsync(campaigns, campaign, cancellationToken);

    public async Task<CampaignDocument?> FindAsync(string campaignId, CancellationToken cancellationToken = default) =>
        await campaigns.Find(c => c.Id == campaignId).FirstOrDefaultAsync(cancellationToken);

    public Task<WriteOutcome> UpdateAsync(CampaignDocument campaign, CancellationToken cancellationToken = default) =>
        store.ReplaceVersionedAsync(campaigns, campaign, cancellationToken);

    public async Task<IReadOnlyList<CampaignDocument>> ListByAdvertiserAsync(string advertiserId, CancellationToken cancellationToken = default) =>
        await campaigns.Find(c => c.AdvertiserId == advertiserId)
            .SortByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id)
            .ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<CampaignDocument>> ListByReviewAsync(ReviewStatus status, int limit = 100, CancellationToken cancellationToken = default) =>
        await campaigns.Find(c => c.Review == status)
            .SortBy(c => c.SubmittedAt).ThenBy(c => c.Id)
            .Limit(limit)
            .ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<CampaignDocument>> ListLiveAsync(DateTime at, CancellationToken cancellationToken = default) =>
        await campaigns.Find(c => c.Review == ReviewStatus.Approved && !c.Paused && c.StartsAt <= at && c.EndsAt > at)
            .SortBy(c => c.Id)
            .ToListAsync(cancellationToken);
}

sealed class MongoAdActivityRepository(MongoStore store) : IAdEventRepository, IAdLedgerRepository
{
    readonly IMongoCollection<AdEventDocument> events = store.AdEvents;
    readonly IMongoCollection<AdLedgerEntryDocument> ledger = store.AdLedger;

    public async Task<WriteOutcome> RecordAsync(AdEventDocument adEvent, CancellationToken cancellationToken = default)
    {
        await store.EnsureReadyAsync(cancellationToken);
        return await MongoStore.TryInsertAsync(events, adEvent, cancellationToken);
    }

    public async Task<IReadOnlyList<AdEventDocument>> ListByCampaignAsync(string campaignId, DateTime? from = null, DateTime? to = null, CancellationToken cancellationToken = default)
    {
        var f = Builders<AdEventDocument>.Filter;
        var filter = f.Eq(e => e.CampaignId, campaignId);
        if (from is { } start) filter &= f.Gte(e => e.OccurredAt, start);
        if (to is { } end) filter &= f.Lt(e => e.OccurredAt, end);
        return await events.Find(filter).SortBy(e => e.OccurredAt).ThenBy(e => e.Id).ToListAsync(cancellationToken);
    }

    public async Task<AdEventDocument?> FindAsync(string eventId, CancellationToken cancellationToken = default) =>
        await events.Find(e => e.Id == eventId).FirstOrDefaultAsync(cancellationToken);

    async Task<AdLedgerEntryDocument?> IAdLedgerRepository.FindAsync(string entryId, CancellationToken cancellationToken) =>
        await ledger.Find(e => e.Id == entryId).FirstOrDefaultAsync(cancellationToken);

    public async Task<WriteOutcome> AppendAsync(AdLedgerEntryDocument entry, CancellationToken cancellationToken = default)
    {
        await store.EnsureReadyAsync(cancellationToken);
        return await MongoStore.TryInsertAsync(ledger, entry, cancellationToken);
    }

    async Task<IReadOnlyList<AdLedgerEntryDocument>> IAdLedgerRepository.ListByCampaignAsync(string campaignId, DateTime? from, DateTime? to, CancellationToken cancellationToken)
    {
        var f = Builders<AdLedgerEntryDocument>.Filter;
        var filter = f.Eq(e => e.CampaignId, campaignId);
        if (from is { } start) filter &= f.Gte(e => e.OccurredAt, start);
        if (to is { } end) filter &= f.Lt(e => e.OccurredAt, end);
        return await ledger.Find(filter).SortBy(e => e.OccurredAt).ThenBy(e => e.Id).ToListAsync(cancellationToken);
    }
}
