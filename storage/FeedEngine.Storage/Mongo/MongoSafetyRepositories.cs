using FeedEngine.Storage.Safety;
using MongoDB.Driver;

namespace FeedEngine.Storage.Mongo;

sealed class MongoUsageCounterRepository(MongoStore store) : IUsageCounterRepository
{
    const int MaxAttempts = 20;

    public async Task<UsageCounterDocument?> FindAsync(string userId, string kind, DateOnly day, CancellationToken cancellationToken = default)
    {
        var id = UsageCounterDocument.MakeId(userId, kind, day);
        return await store.UsageCounters.Find(c => c.Id == id).FirstOrDefaultAsync(cancellationToken);
    }

    /// <remarks>
    /// Read, decide, then a versioned insert or replace that the server accepts only if nobody wrote in between;
    /// on a lost race, read again. Only the user's own concurrent generations contend, so a few rounds suffice.
    /// </remarks>
    public async Task<CounterResult> TryIncrementAsync(string userId, string kind, DateOnly day, string idempotencyKey, int limit, DateTime now,
        CancellationToken cancellationToken = default)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var counter = await FindAsync(userId, kind, day, cancellationToken) ?? new UsageCounterDocument
            {
                Id = UsageCounterDocument.MakeId(userId, kind, day),
                UserId = userId,
                Kind = kind,
                Day = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
            };
            if (counter.Keys.Contains(idempotencyKey)) return new CounterResult(CounterOutcome.AlreadyCounted, counter.Count);
            if (counter.Count >= limit) return new CounterResult(CounterOutcome.LimitReached, counter.Count);
            counter.Count++;
            counter.Keys.Add(idempotencyKey);
            counter.UpdatedAt = now;
            if (await store.SaveVersionedAsync(store.UsageCounters, counter, cancellationToken) == WriteOutcome.Ok)
                return new CounterResult(CounterOutcome.Counted, counter.Count);
        }
        throw new InvalidOperationException($"The usage counter of {userId} kept changing; gave up after {MaxAttempts} attempts.");
    }
}

sealed class MongoReportRepository(MongoStore store) : IReportRepository
{
    public Task<WriteOutcome> InsertAsync(ReportDocument report, CancellationToken cancellationToken = default) =>
        store.InsertVersionedAsync(store.Reports, report, cancellationToken);

    public async Task<ReportDocument?> FindAsync(string id, CancellationToken cancellationToken = default) =>
        await store.Reports.Find(r => r.Id == id).FirstOrDefaultAsync(cancellationToken);

    public async Task<ReportDocument?> FindByKeyAsync(string key, CancellationToken cancellationToken = default) =>
        await store.Reports.Find(r => r.Key == key).FirstOrDefaultAsync(cancellationToken);

    public Task<WriteOutcome> UpdateAsync(ReportDocument report, CancellationToken cancellationToken = default) =>
        store.ReplaceVersionedAsync(store.Reports, report, cancellationToken);

    public async Task<IReadOnlyList<ReportDocument>> ListOpenAsync(int limit, CancellationToken cancellationToken = default) =>
        await store.Reports.Find(r => r.Status == ReportStatus.Open)
            .SortBy(r => r.CreatedAt).ThenBy(r => r.Id).Limit(limit).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<ReportDocument>> ListByReporterAsync(string reporterId, int limit, CancellationToken cancellationToken = default) =>
        await store.Reports.Find(r => r.ReporterId == reporterId)
            .SortByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id).Limit(limit).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<ReportDocument>> ListByCreatorAsync(string creatorId, int limit, CancellationToken cancellationToken = default) =>
        await store.Reports.Find(r => r.CreatorId == creatorId)
            .SortByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id).Limit(limit).ToListAsync(cancellationToken);
}
