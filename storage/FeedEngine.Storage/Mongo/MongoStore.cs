using FeedEngine.Storage.Campaigns;
using FeedEngine.Storage.Images;
using FeedEngine.Storage.Memory;
using FeedEngine.Storage.Posts;
using FeedEngine.Storage.Safety;
using FeedEngine.Storage.Sessions;
using FeedEngine.Storage.State;
using FeedEngine.Storage.Users;
using FeedEngine.Storage.Viewers;
using Microsoft.Extensions.Options;
using MongoDB.Driver;
using MongoDB.Driver.GridFS;

namespace FeedEngine.Storage.Mongo;

/// <summary>
/// The MongoDB store: one database, its collections and the <c>images</c> GridFS bucket, shared by every repository.
/// Indexes are created once, before the first operation (<see cref="EnsureReadyAsync"/>; the host also runs it at start-up).
/// </summary>
public sealed class MongoStore
{
    readonly SemaphoreSlim readyGate = new(1, 1);
    volatile bool ready;

    static MongoStore() => MongoConventions.Register();

    public MongoStore(IMongoClient client, IOptions<StorageOptions> options)
    {
        var settings = options.Value;
        var databaseName = settings.MongoDatabase
            ?? (settings.MongoUrl is { } url ? MongoUrl.Create(url).DatabaseName : null)
            ?? "feedengine";
        Database = client.GetDatabase(databaseName);
        Users = Database.GetCollection<UserDocument>("users");
        Posts = Database.GetCollection<PostDocument>("posts");
        PostVersions = Database.GetCollection<PostVersionDocument>("postVersions");
        Sessions = Database.GetCollection<SessionDocument>("sessions");
        Turns = Database.GetCollection<TurnDocument>("turns");
        PostStates = Database.GetCollection<PostStateDocument>("postStates");
        ViewerProfiles = Database.GetCollection<ViewerProfileDocument>("viewerProfiles");
        Images = Database.GetCollection<ImageDocument>("images");
        Campaigns = Database.GetCollection<CampaignDocument>("campaigns");
        AdEvents = Database.GetCollection<AdEventDocument>("adEvents");
        AdLedger = Database.GetCollection<AdLedgerEntryDocument>("adLedger");
        AdPlacements = Database.GetCollection<AdPlacementDocument>("adPlacements");
        AdBudgets = Database.GetCollection<AdBudgetDocument>("adBudgets");
        AdPacing = Database.GetCollection<AdPacingDocument>("adPacing");
        AdSlates = Database.GetCollection<AdSlateDocument>("adSlates");
        AdSlateSets = Database.GetCollection<AdSlateSetDocument>("adSlateSets");
        UsageCounters = Database.GetCollection<UsageCounterDocument>("usageCounters");
        Reports = Database.GetCollection<ReportDocument>("reports");
        MemoryFacts = Database.GetCollection<MemoryFactDocument>("memoryFacts");
        ImageBytes = new GridFSBucket(Database, new GridFSBucketOptions { BucketName = "images" });
    }

    public IMongoDatabase Database { get; }
    public IMongoCollection<UserDocument> Users { get; }
    public IMongoCollection<PostDocument> Posts { get; }
    public IMongoCollection<PostVersionDocument> PostVersions { get; }
    public IMongoCollection<SessionDocument> Sessions { get; }
    public IMongoCollection<TurnDocument> Turns { get; }
    public IMongoCollection<PostStateDocument> PostStates { get; }
    public IMongoCollection<ViewerProfileDocument> ViewerProfiles { get; }
    public IMongoCollection<ImageDocument> Images { get; }
    public IMongoCollection<UsageCounterDocument> UsageCounters { get; }
    public IMongoCollection<ReportDocument> Reports { get; }
    public IMongoCollection<MemoryFactDocument> MemoryFacts { get; }
    public IGridFSBucket ImageBytes { get; }
    public IMongoCollection<CampaignDocument> Campaigns { get; }
    public IMongoCollection<AdEventDocument> AdEvents { get; }
    public IMongoCollection<AdLedgerEntryDocument> AdLedger { get; }
    public IMongoCollection<AdPlacementDocument> AdPlacements { get; }
    public IMongoCollection<AdBudgetDocument> AdBudgets { get; }
    public IMongoCollection<AdPacingDocument> AdPacing { get; }
    public IMongoCollection<AdSlateDocument> AdSlates { get; }
    public IMongoCollection<AdSlateSetDocument> AdSlateSets { get; }

    /// <summary>Creates the indexes the first time it is awaited; a failed attempt is retried by the next caller.</summary>
    public async ValueTask EnsureReadyAsync(CancellationToken cancellationToken = default)
    {
        if (ready) return;
        await readyGate.WaitAsync(cancellationToken);
        try
        {
            if (ready) return;
            await MongoIndexes.CreateAsync(this, cancellationToken);
            ready = true;
        }
        finally
        {
            readyGate.Release();
        }
    }

    /// <summary>
    /// A unique-index violation, as a real server reports it (a write error) or as some wire-compatible
    /// servers do (a command error with code 11000).
    /// </summary>
    public static bool IsDuplicateKey(MongoException exception) => exception switch
    {
        MongoWriteException write => write.WriteError?.Category == ServerErrorCategory.DuplicateKey,
        MongoBulkWriteException bulk => bulk.WriteErrors.Any(e => e.Category == ServerErrorCategory.DuplicateKey),
        MongoCommandException command => command.Code is 11000 or 11001,
        _ => false,
    };

    /// <summary>Inserts; a unique-index violation is a <see cref="WriteOutcome.Duplicate"/>.</summary>
    public static async Task<WriteOutcome> TryInsertAsync<T>(IMongoCollection<T> collection, T document, CancellationToken cancellationToken)
    {
        try
        {
            await collection.InsertOneAsync(document, cancellationToken: cancellationToken);
            return WriteOutcome.Ok;
        }
        catch (MongoException e) when (IsDuplicateKey(e))
        {
            return WriteOutcome.Duplicate;
        }
    }

    /// <summary>Inserts a versioned document at version 1.</summary>
    public async Task<WriteOutcome> InsertVersionedAsync<T>(IMongoCollection<T> collection, T document, CancellationToken cancellationToken)
        where T : IVersionedDocument
    {
        await EnsureReadyAsync(cancellationToken);
        var previous = document.Version;
        document.Version = 1;
        var outcome = await TryInsertAsync(collection, document, cancellationToken);
        if (outcome != WriteOutcome.Ok) document.Version = previous;
        return outcome;
    }

    /// <summary>
    /// One conditional replace, filtered on <c>_id</c> and the version the caller read: the server decides, so two
    /// writers of the same version cannot both win. When nothing matched, a read tells a conflict from a missing document.
    /// </summary>
    public async Task<WriteOutcome> ReplaceVersionedAsync<T>(IMongoCollection<T> collection, T document, CancellationToken cancellationToken)
        where T : IVersionedDocument
    {
        await EnsureReadyAsync(cancellationToken);
        var expected = document.Version;
        var filter = Builders<T>.Filter.Eq("_id", document.Id) & Builders<T>.Filter.Eq("version", expected);
        document.Version = expected + 1;
        try
        {
            var result = await collection.ReplaceOneAsync(filter, document, cancellationToken: cancellationToken);
            if (result.MatchedCount == 1) return WriteOutcome.Ok;
        }
        catch (MongoException e) when (IsDuplicateKey(e))
        {
            document.Version = expected;
            return WriteOutcome.Duplicate;
        }
        document.Version = expected;
        return await ExistsAsync(collection, document.Id, cancellationToken) ? WriteOutcome.Conflict : WriteOutcome.NotFound;
    }

    /// <summary>Inserts when the document's version is 0, else replaces it under the version check.</summary>
    public Task<WriteOutcome> SaveVersionedAsync<T>(IMongoCollection<T> collection, T document, CancellationToken cancellationToken)
        where T : IVersionedDocument =>
        document.Version == 0
            ? InsertVersionedAsync(collection, document, cancellationToken)
            : ReplaceVersionedAsync(collection, document, cancellationToken);

    public static async Task<bool> ExistsAsync<T>(IMongoCollection<T> collection, string id, CancellationToken cancellationToken) =>
        await collection.CountDocumentsAsync(Builders<T>.Filter.Eq("_id", id), new CountOptions { Limit = 1 }, cancellationToken) > 0;
}
