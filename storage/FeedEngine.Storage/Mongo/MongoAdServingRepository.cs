using FeedEngine.Storage.Campaigns;
using MongoDB.Driver;

namespace FeedEngine.Storage.Mongo;

/// <summary>Placements, budgets, pacing and slates in MongoDB.</summary>
sealed class MongoAdServingRepository(MongoStore store) : IAdPlacementRepository, IAdBudgetRepository, IAdPacingRepository, IAdSlateRepository
{
    readonly IMongoCollection<AdPlacementDocument> placements = store.AdPlacements;
    readonly IMongoCollection<AdBudgetDocument> budgets = store.AdBudgets;
    readonly IMongoCollection<AdPacingDocument> pacing = store.AdPacing;
    readonly IMongoCollection<AdSlateDocument> slates = store.AdSlates;
    readonly IMongoCollection<AdSlateSetDocument> sets = store.AdSlateSets;

    public async Task<WriteOutcome> InsertAsync(AdPlacementDocument placement, CancellationToken cancellationToken = default)
    {
        await store.EnsureReadyAsync(cancellationToken);
        return await MongoStore.TryInsertAsync(placements, placement, cancellationToken);
    }

    async Task<AdPlacementDocument?> IAdPlacementRepository.FindAsync(string placementId, CancellationToken cancellationToken) =>
        await placements.Find(p => p.Id == placementId).FirstOrDefaultAsync(cancellationToken);

    public async Task<IReadOnlyList<AdPlacementDocument>> ListForViewerAsync(string viewerId, DateTime since, CancellationToken cancellationToken = default) =>
        await placements.Find(p => p.ViewerId == viewerId && p.CreatedAt >= since).SortBy(p => p.CreatedAt).ThenBy(p => p.Id).ToListAsync(cancellationToken);

    async Task<AdBudgetDocument?> IAdBudgetRepository.FindAsync(string campaignId, CancellationToken cancellationToken) =>
        await budgets.Find(b => b.Id == campaignId).FirstOrDefaultAsync(cancellationToken);

    async Task<IReadOnlyList<AdBudgetDocument>> IAdBudgetRepository.FindManyAsync(IReadOnlyCollection<string> campaignIds, CancellationToken cancellationToken) =>
        await budgets.Find(Builders<AdBudgetDocument>.Filter.In(b => b.Id, campaignIds)).ToListAsync(cancellationToken);

    public Task<WriteOutcome> SaveAsync(AdBudgetDocument budget, CancellationToken cancellationToken = default) =>
        store.SaveVersionedAsync(budgets, budget, cancellationToken);

    async Task<AdPacingDocument?> IAdPacingRepository.FindAsync(string id, CancellationToken cancellationToken) =>
        await pacing.Find(p => p.Id == id).FirstOrDefaultAsync(cancellationToken);

    async Task<IReadOnlyList<AdPacingDocument>> IAdPacingRepository.FindManyAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken) =>
        await pacing.Find(Builders<AdPacingDocument>.Filter.In(p => p.Id, ids)).ToListAsync(cancellationToken);

    public Task<WriteOutcome> SaveAsync(AdPacingDocument document, CancellationToken cancellationToken = default) =>
        store.SaveVersionedAsync(pacing, document, cancellationToken);

    public async Task WriteAsync(IReadOnlyList<AdSlateDocument> written, CancellationToken cancellationToken = default)
    {
        await store.EnsureReadyAsync(cancellationToken);
        if (written.Count == 0) return;
        var writes = written.Select(s => new ReplaceOneModel<AdSlateDocument>(Builders<AdSlateDocument>.Filter.Eq(x => x.Id, s.Id), s) { IsUpsert = true });
        await slates.BulkWriteAsync(writes, new BulkWriteOptions { IsOrdered = false }, cancellationToken);
    }

    async Task<AdSlateDocument?> IAdSlateRepository.FindAsync(string runId, string segmentId, CancellationToken cancellationToken)
    {
        var id = AdSlateDocument.MakeId(runId, segmentId);
        return await slates.Find(s => s.Id == id).FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<AdSlateDocument>> ListRunAsync(string runId, CancellationToken cancellationToken = default) =>
        await slates.Find(s => s.RunId == runId).SortBy(s => s.SegmentId).ToListAsync(cancellationToken);

    public async Task<AdSlateSetDocument?> FindCurrentAsync(CancellationToken cancellationToken = default) =>
        await sets.Find(s => s.Id == AdSlateSetDocument.CurrentId).FirstOrDefaultAsync(cancellationToken);

    public Task<WriteOutcome> SaveCurrentAsync(AdSlateSetDocument set, CancellationToken cancellationToken = default) =>
        store.SaveVersionedAsync(sets, set, cancellationToken);

    public async Task<long> DeleteRunsExceptAsync(IReadOnlyCollection<string> keepRunIds, CancellationToken cancellationToken = default)
    {
        var f = Builders<AdSlateDocument>.Filter;
        var filter = f.Empty;
        foreach (var keep in keepRunIds) filter &= f.Ne(s => s.RunId, keep);
        return (await slates.DeleteManyAsync(filter, cancellationToken)).DeletedCount;
    }
}
