using FeedEngine.Storage.Campaigns;
using FeedEngine.Storage.Images;
using FeedEngine.Storage.Memory;
using FeedEngine.Storage.Posts;
using FeedEngine.Storage.Safety;
using FeedEngine.Storage.Sessions;
using FeedEngine.Storage.Users;
using Microsoft.Extensions.Hosting;
using MongoDB.Driver;

namespace FeedEngine.Storage.Mongo;

/// <summary>The unique indexes the contract relies on, and the indexes behind every list query.</summary>
static class MongoIndexes
{
    public static async Task CreateAsync(MongoStore store, CancellationToken cancellationToken)
    {
        await store.Users.Indexes.CreateManyAsync(
        [
            new(Builders<UserDocument>.IndexKeys.Ascending(u => u.LoginKey), Unique("loginKey")),
        ], cancellationToken);

        await store.Posts.Indexes.CreateManyAsync(
        [
            new(Builders<PostDocument>.IndexKeys.Ascending(p => p.CreatorId).Descending(p => p.UpdatedAt).Descending(p => p.Id),
                new CreateIndexOptions { Name = "creator" }),
            new(Builders<PostDocument>.IndexKeys.Ascending(p => p.Status).Descending(p => p.PublishedAt).Descending(p => p.Id),
                new CreateIndexOptions { Name = "feed" }),
        ], cancellationToken);

        await store.PostVersions.Indexes.CreateManyAsync(
        [
            new(Builders<PostVersionDocument>.IndexKeys.Ascending(v => v.IdempotencyKey), Unique("idempotencyKey")),
            new(Builders<PostVersionDocument>.IndexKeys.Ascending(v => v.PostId).Descending(v => v.Number), new CreateIndexOptions { Name = "post" }),
        ], cancellationToken);

        await store.Sessions.Indexes.CreateManyAsync(
        [
            new(Builders<SessionDocument>.IndexKeys.Ascending(s => s.OwnerId).Descending(s => s.CreatedAt).Descending(s => s.Id),
                new CreateIndexOptions { Name = "owner" }),
            new(Builders<SessionDocument>.IndexKeys.Ascending(s => s.RoomCode), new CreateIndexOptions { Name = "roomCode" }),
            // Creator analytics: a post's newest sessions (MongoPostActivityReader.ListSessionsByPostAsync).
            new(Builders<SessionDocument>.IndexKeys.Ascending(s => s.PostId).Descending(s => s.CreatedAt).Descending(s => s.Id),
                new CreateIndexOptions { Name = "postCreated" }),
        ], cancellationToken);

        // Creator analytics: a post's views and opens, per kind and version (the _id is the once-a-day key).
        await store.Database.GetCollection<PostViewDocument>(MongoPostViewRepository.CollectionName).Indexes.CreateOneAsync(
            new CreateIndexModel<PostViewDocument>(Builders<PostViewDocument>.IndexKeys.Ascending(v => v.PostId).Ascending(v => v.Kind).Ascending(v => v.PostVersion),
                new CreateIndexOptions { Name = "postKindVersion" }), cancellationToken: cancellationToken);

        await store.Turns.Indexes.CreateManyAsync(
        [
            new(Builders<TurnDocument>.IndexKeys.Ascending(t => t.SessionId).Ascending(t => t.Seq), Unique("sessionSeq")),
            new(Builders<TurnDocument>.IndexKeys.Ascending(t => t.SessionId).Ascending(t => t.BranchId).Ascending(t => t.Seq), Unique("sessionBranchSeq")),
            new(Builders<TurnDocument>.IndexKeys.Ascending(t => t.IdempotencyKey), Unique("idempotencyKey")),
            new(Builders<TurnDocument>.IndexKeys.Ascending(t => t.SessionId).Ascending(t => t.LastEventSeq),
                new CreateIndexOptions { Name = "sessionEvents" }),
        ], cancellationToken);

        await store.Images.Indexes.CreateManyAsync(
        [
            new(Builders<ImageDocument>.IndexKeys.Ascending(i => i.ContentHash), Unique("contentHash")),
            // Not unique: a remote model may draw the same recipe twice with different bytes; the earliest is served.
            new(Builders<ImageDocument>.IndexKeys.Ascending("generation.cacheKey").Ascending(i => i.CreatedAt),
                new CreateIndexOptions { Name = "generationKey" }),
        ], cancellationToken);

        await store.Campaigns.Indexes.CreateManyAsync(
        [
            new(Builders<CampaignDocument>.IndexKeys.Ascending(c => c.AdvertiserId).Descending(c => c.CreatedAt).Descending(c => c.Id),
                new CreateIndexOptions { Name = "advertiser" }),
            new(Builders<CampaignDocument>.IndexKeys.Ascending(c => c.Review).Ascending(c => c.SubmittedAt).Ascending(c => c.Id),
                new CreateIndexOptions { Name = "review" }),
        ], cancellationToken);

        // Event and ledger ids are the server-chosen idempotency keys: _id keeps each one unique.
        await store.AdEvents.Indexes.CreateManyAsync(
        [
            new(Builders<AdEventDocument>.IndexKeys.Ascending(e => e.CampaignId).Ascending(e => e.OccurredAt),
                new CreateIndexOptions { Name = "campaignTime" }),
        ], cancellationToken);

        await store.AdLedger.Indexes.CreateManyAsync(
        [
            new(Builders<AdLedgerEntryDocument>.IndexKeys.Ascending(e => e.CampaignId).Ascending(e => e.OccurredAt),
                new CreateIndexOptions { Name = "campaignTime" }),
        ], cancellationToken);

        await store.MemoryFacts.Indexes.CreateManyAsync(
        [
            new(Builders<MemoryFactDocument>.IndexKeys.Ascending(f => f.ViewerId).Descending(f => f.CreatedAt).Descending(f => f.Id),
                new CreateIndexOptions { Name = "viewer" }),
        ], cancellationToken);

        await store.AdPlacements.Indexes.CreateManyAsync(
        [
            new(Builders<AdPlacementDocument>.IndexKeys.Ascending(p => p.ViewerId).Ascending(p => p.CreatedAt),
                new CreateIndexOptions { Name = "viewerTime" }),
        ], cancellationToken);

        await store.AdSlates.Indexes.CreateManyAsync(
        [
            new(Builders<AdSlateDocument>.IndexKeys.Ascending(s => s.RunId).Ascending(s => s.SegmentId), new CreateIndexOptions { Name = "run" }),
        ], cancellationToken);

        await store.Reports.Indexes.CreateManyAsync(
        [
            new(Builders<ReportDocument>.IndexKeys.Ascending(r => r.Key), Unique("key")),
            new(Builders<ReportDocument>.IndexKeys.Ascending(r => r.Status).Ascending(r => r.CreatedAt).Ascending(r => r.Id),
                new CreateIndexOptions { Name = "queue" }),
            new(Builders<ReportDocument>.IndexKeys.Ascending(r => r.ReporterId).Descending(r => r.CreatedAt).Descending(r => r.Id),
                new CreateIndexOptions { Name = "reporter" }),
            new(Builders<ReportDocument>.IndexKeys.Ascending(r => r.CreatorId).Descending(r => r.CreatedAt).Descending(r => r.Id),
                new CreateIndexOptions { Name = "creator" }),
        ], cancellationToken);
    }

    static CreateIndexOptions Unique(string name) => new() { Name = name, Unique = true };
}

/// <summary>Creates the indexes when the host starts, so a missing or unreachable server shows at start-up.</summary>
sealed class MongoStoreInitializer(MongoStore store) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => store.EnsureReadyAsync(cancellationToken).AsTask();

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
