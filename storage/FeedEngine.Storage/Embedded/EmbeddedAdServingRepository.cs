using FeedEngine.Storage.Campaigns;
using LiteDB;

namespace FeedEngine.Storage.Embedded;

/// <summary>Placements, budgets, pacing and slates in the embedded store.</summary>
sealed class EmbeddedAdServingRepository : IAdPlacementRepository, IAdBudgetRepository, IAdPacingRepository, IAdSlateRepository
{
    readonly EmbeddedDatabase database;
    readonly ILiteCollection<AdPlacementDocument> placements;
    readonly ILiteCollection<AdBudgetDocument> budgets;
    readonly ILiteCollection<AdPacingDocument> pacing;
    readonly ILiteCollection<AdSlateDocument> slates;
    readonly ILiteCollection<AdSlateSetDocument> sets;

    public EmbeddedAdServingRepository(EmbeddedDatabase database)
    {
        this.database = database;
        placements = database.Collection<AdPlacementDocument>("adPlacements");
        placements.EnsureIndex(p => p.ViewerId);
        budgets = database.Collection<AdBudgetDocument>("adBudgets");
        pacing = database.Collection<AdPacingDocument>("adPacing");
        slates = database.Collection<AdSlateDocument>("adSlates");
        slates.EnsureIndex(s => s.RunId);
        sets = database.Collection<AdSlateSetDocument>("adSlateSets");
    }

    public Task<WriteOutcome> InsertAsync(AdPlacementDocument placement, CancellationToken cancellationToken = default) =>
        Task.FromResult(EmbeddedDatabase.TryInsert(placements, placement));

    Task<AdPlacementDocument?> IAdPlacementRepository.FindAsync(string placementId, CancellationToken cancellationToken) =>
        Task.FromResult<AdPlacementDocument?>(placements.FindById(placementId));

    public Task<IReadOnlyList<AdPlacementDocument>> ListForViewerAsync(string viewerId, DateTime since, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<AdPlacementDocument>>(placements.Find(p => p.ViewerId == viewerId)
            .Where(p => p.CreatedAt >= since).OrderBy(p => p.CreatedAt).ThenBy(p => p.Id, StringComparer.Ordinal).ToList());

    Task<AdBudgetDocument?> IAdBudgetRepository.FindAsync(string campaignId, CancellationToken cancellationToken) =>
        Task.FromResult<AdBudgetDocument?>(budgets.FindById(campaignId));

    Task<IReadOnlyList<AdBudgetDocument>> IAdBudgetRepository.FindManyAsync(IReadOnlyCollection<string> campaignIds, CancellationToken cancellationToken) =>
        Task.FromResult(FindMany(budgets, campaignIds));

    public Task<WriteOutcome> SaveAsync(AdBudgetDocument budget, CancellationToken cancellationToken = default) =>
        Task.FromResult(database.SaveVersioned(budgets, budget));

    Task<AdPacingDocument?> IAdPacingRepository.FindAsync(string id, CancellationToken cancellationToken) =>
        Task.FromResult<AdPacingDocument?>(pacing.FindById(id));

    Task<IReadOnlyList<AdPacingDocument>> IAdPacingRepository.FindManyAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken) =>
        Task.FromResult(FindMany(pacing, ids));

    public Task<WriteOutcome> SaveAsync(AdPacingDocument document, CancellationToken cancellationToken = default) =>
        Task.FromResult(database.SaveVersioned(pacing, document));

    public Task WriteAsync(IReadOnlyList<AdSlateDocument> written, CancellationToken cancellationToken = default)
    {
        slates.Upsert(written);
        return Task.CompletedTask;
    }

    Task<AdSlateDocument?> IAdSlateRepository.FindAsync(string runId, string segmentId, CancellationToken cancellationToken) =>
        Task.FromResult<AdSlateDocument?>(slates.FindById(AdSlateDocument.MakeId(runId, segmentId)));

    public Task<IReadOnlyList<AdSlateDocument>> ListRunAsync(string runId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<AdSlateDocument>>(slates.Find(s => s.RunId == runId).OrderBy(s => s.SegmentId, StringComparer.Ordinal).ToList());

    public Task<AdSlateSetDocument?> FindCurrentAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<AdSlateSetDocument?>(sets.FindById(AdSlateSetDocument.CurrentId));

    public Task<WriteOutcome> SaveCurrentAsync(AdSlateSetDocument set, CancellationToken cancellationToken = default) =>
        Task.FromResult(database.SaveVersioned(sets, set));

    public Task<long> DeleteRunsExceptAsync(IReadOnlyCollection<string> keepRunIds, CancellationToken cancellationToken = default)
    {
        var stale = slates.FindAll().Where(s => !keepRunIds.Contains(s.RunId)).Select(s => s.Id).ToList();
        long deleted = 0;
        foreach (var id in stale) if (slates.Delete(id)) deleted++;
        return Task.FromResult(deleted);
    }

    static IReadOnlyList<T> FindMany<T>(ILiteCollection<T> collection, IReadOnlyCollection<string> ids)
    {
        var found = new List<T>(ids.Count);
        foreach (var id in ids.Distinct(StringComparer.Ordinal))
            if (collection.FindById(id) is { } document) found.Add(document);
        return found;
    }
}
