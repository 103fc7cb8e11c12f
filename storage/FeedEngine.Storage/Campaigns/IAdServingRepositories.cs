namespace FeedEngine.Storage.Campaigns;

public interface IAdPlacementRepository
{
    /// <summary>Stores a placement once; its id taken is a <see cref="WriteOutcome.Duplicate"/>.</summary>
    Task<WriteOutcome> InsertAsync(AdPlacementDocument placement, CancellationToken cancellationToken = default);

    Task<AdPlacementDocument?> FindAsync(string placementId, CancellationToken cancellationToken = default);

    /// <summary>The viewer's placements created at or after <paramref name="since"/> (for frequency caps), oldest first.</summary>
    Task<IReadOnlyList<AdPlacementDocument>> ListForViewerAsync(string viewerId, DateTime since, CancellationToken cancellationToken = default);
}

public interface IAdBudgetRepository
{
    Task<AdBudgetDocument?> FindAsync(string campaignId, CancellationToken cancellationToken = default);

    /// <summary>The budgets of these campaigns that exist (any order).</summary>
    Task<IReadOnlyList<AdBudgetDocument>> FindManyAsync(IReadOnlyCollection<string> campaignIds, CancellationToken cancellationToken = default);

    /// <summary>Inserts when <c>budget.Version</c> is 0, else replaces when the stored version equals it (compare-and-swap).</summary>
    Task<WriteOutcome> SaveAsync(AdBudgetDocument budget, CancellationToken cancellationToken = default);
}

public interface IAdPacingRepository
{
    Task<AdPacingDocument?> FindAsync(string id, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<AdPacingDocument>> FindManyAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default);

    /// <summary>Inserts when <c>pacing.Version</c> is 0, else a versioned replace.</summary>
    Task<WriteOutcome> SaveAsync(AdPacingDocument pacing, CancellationToken cancellationToken = default);
}

public interface IAdSlateRepository
{
    /// <summary>Writes the slates (a slate whose id exists is replaced): a rerun of the same run id rewrites, never duplicates.</summary>
    Task WriteAsync(IReadOnlyList<AdSlateDocument> slates, CancellationToken cancellationToken = default);

    Task<AdSlateDocument?> FindAsync(string runId, string segmentId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<AdSlateDocument>> ListRunAsync(string runId, CancellationToken cancellationToken = default);

    Task<AdSlateSetDocument?> FindCurrentAsync(CancellationToken cancellationToken = default);

    /// <summary>Switches the served set: inserts at version 0, else a versioned replace (a lost race is a <see cref="WriteOutcome.Conflict"/>).</summary>
    Task<WriteOutcome> SaveCurrentAsync(AdSlateSetDocument set, CancellationToken cancellationToken = default);

    /// <summary>Removes the slates of every run but these; returns how many went.</summary>
    Task<long> DeleteRunsExceptAsync(IReadOnlyCollection<string> keepRunIds, CancellationToken cancellationToken = default);
}
