using FeedEngine.Storage.Safety;
using LiteDB;

namespace FeedEngine.Storage.Embedded;

sealed class EmbeddedUsageCounterRepository(EmbeddedDatabase database) : IUsageCounterRepository
{
    readonly ILiteCollection<UsageCounterDocument> counters = database.Collection<UsageCounterDocument>("usageCounters");

    public Task<UsageCounterDocument?> FindAsync(string userId, string kind, DateOnly day, CancellationToken cancellationToken = default) =>
        Task.FromResult<UsageCounterDocument?>(counters.FindById(UsageCounterDocument.MakeId(userId, kind, day)));

    /// <remarks>LiteDB is single-process: the write gate makes the read-check-write one step.</remarks>
    public Task<CounterResult> TryIncrementAsync(string userId, string kind, DateOnly day, string idempotencyKey, int limit, DateTime now,
        CancellationToken cancellationToken = default)
    {
        lock (database.WriteGate)
        {
            var id = UsageCounterDocument.MakeId(userId, kind, day);
            var counter = counters.FindById(id) ?? new UsageCounterDocument
            {
                Id = id,
                UserId = userId,
                Kind = kind,
                Day = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
            };
            if (counter.Keys.Contains(idempotencyKey)) return Task.FromResult(new CounterResult(CounterOutcome.AlreadyCounted, counter.Count));
            if (counter.Count >= limit) return Task.FromResult(new CounterResult(CounterOutcome.LimitReached, counter.Count));
            counter.Count++;
            counter.Keys.Add(idempotencyKey);
            counter.UpdatedAt = now;
            counter.Version++;
            counters.Upsert(counter);
            return Task.FromResult(new CounterResult(CounterOutcome.Counted, counter.Count));
        }
    }
}

sealed class EmbeddedReportRepository : IReportRepository
{
    readonly EmbeddedDatabase database;
    readonly ILiteCollection<ReportDocument> reports;

    public EmbeddedReportRepository(EmbeddedDatabase database)
    {
        this.database = database;
        reports = database.Collection<ReportDocument>("reports");
        reports.EnsureIndex(r => r.Key, unique: true);
        reports.EnsureIndex(r => r.Status);
        reports.EnsureIndex(r => r.ReporterId);
        reports.EnsureIndex(r => r.CreatorId);
    }

    public Task<WriteOutcome> InsertAsync(ReportDocument report, CancellationToken cancellationToken = default) =>
        Task.FromResult(database.InsertVersioned(reports, report));

    public Task<ReportDocument?> FindAsync(string id, CancellationToken cancellationToken = default) =>
        Task.FromResult<ReportDocument?>(reports.FindById(id));

    public Task<ReportDocument?> FindByKeyAsync(string key, CancellationToken cancellationToken = default) =>
        Task.FromResult<ReportDocument?>(reports.FindOne(r => r.Key == key));

    public Task<WriteOutcome> UpdateAsync(ReportDocument report, CancellationToken cancellationToken = default) =>
        Task.FromResult(database.ReplaceVersioned(reports, report));

    public Task<IReadOnlyList<ReportDocument>> ListOpenAsync(int limit, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<ReportDocument>>(reports.Find(r => r.Status == ReportStatus.Open)
            .OrderBy(r => r.CreatedAt).ThenBy(r => r.Id, StringComparer.Ordinal).Take(limit).ToList());

    public Task<IReadOnlyList<ReportDocument>> ListByReporterAsync(string reporterId, int limit, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<ReportDocument>>(reports.Find(r => r.ReporterId == reporterId)
            .OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id, StringComparer.Ordinal).Take(limit).ToList());

    public Task<IReadOnlyList<ReportDocument>> ListByCreatorAsync(string creatorId, int limit, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<ReportDocument>>(reports.Find(r => r.CreatorId == creatorId)
            .OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id, StringComparer.Ordinal).Take(limit).ToList());
}
