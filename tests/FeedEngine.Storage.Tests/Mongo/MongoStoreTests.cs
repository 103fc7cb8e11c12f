using FeedEngine.Storage.Mongo;
using FeedEngine.Storage.Tests.Contract;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MongoDB.Bson;
using MongoDB.Driver;

namespace FeedEngine.Storage.Tests.Mongo;

/// <summary>
/// What the contract cannot see of the MongoDB store: the documents' shape on the server, the indexes, how the
/// server reports duplicates, and that the list queries are served by their indexes. Run on the stub and on a real server.
/// </summary>
public abstract class MongoStoreTests(MongoStoreFixture fixture)
{
    MongoStoreFixture Fixture
    {
        get
        {
            Skip.If(fixture.SkipReason is not null, fixture.SkipReason);
            return fixture;
        }
    }

    MongoStore Store => Fixture.Store;

    /// <summary>Skips on the MongoDB stub a case that needs a feature only a real server has.</summary>
    void RequiresRealMongo(string feature) =>
        Skip.If(Fixture.IsMongoStub, $"The MongoDB stub lacks {feature}; this case runs against a real MongoDB ({RealMongoStoreFixture.Variable}).");

    IMongoCollection<BsonDocument> Raw(string name) => Store.Database.GetCollection<BsonDocument>(name);

    [SkippableFact]
    public async Task InsertAsync_post_storesIdCamelCaseNamesStringEnumsAndUtcDates()
    {
        var post = Samples.Post();
        post.Draft.StateSchema[0].Type = StateVariableType.Set;

        await Fixture.Services.GetRequiredService<IPostRepository>().InsertAsync(post);

        var raw = await Raw("posts").Find(new BsonDocument("_id", post.Id)).SingleAsync();
        Assert.False(raw.Contains("Id") || raw.Contains("id"));
        Assert.Equal(post.CreatorId, raw["creatorId"].AsString);
        Assert.Equal("Draft", raw["status"].AsString);
        Assert.Equal(BsonType.DateTime, raw["createdAt"].BsonType);
        Assert.Equal(post.CreatedAt, raw["createdAt"].ToUniversalTime());
        Assert.Equal(1, raw["version"].ToInt64());
        var draft = raw["draft"].AsBsonDocument;
        Assert.Equal("Game", draft["kind"].AsString);
        Assert.Equal("Teen", draft["ageRating"].AsString);
        Assert.True(draft["lore"][0]["alwaysOn"].AsBoolean);
        Assert.Equal("Set", draft["stateSchema"][0]["type"].AsString);
        Assert.Equal(BsonNull.Value, raw.GetValue("publishedAt", BsonNull.Value));
    }

    [SkippableFact]
    public async Task EnsureReadyAsync_freshDatabase_createsTheUniqueAndQueryIndexes()
    {
        await Store.EnsureReadyAsync();

        await AssertIndexAsync("users", "loginKey", "{ loginKey: 1 }", unique: true);
        await AssertIndexAsync("postVersions", "idempotencyKey", "{ idempotencyKey: 1 }", unique: true);
        await AssertIndexAsync("postVersions", "post", "{ postId: 1, number: -1 }", unique: false);
        await AssertIndexAsync("turns", "idempotencyKey", "{ idempotencyKey: 1 }", unique: true);
        await AssertIndexAsync("turns", "sessionSeq", "{ sessionId: 1, seq: 1 }", unique: true);
        await AssertIndexAsync("turns", "sessionEvents", "{ sessionId: 1, lastEventSeq: 1 }", unique: false);
        await AssertIndexAsync("images", "contentHash", "{ contentHash: 1 }", unique: true);
        await AssertIndexAsync("posts", "creator", "{ creatorId: 1, updatedAt: -1, _id: -1 }", unique: false);
        await AssertIndexAsync("posts", "feed", "{ status: 1, publishedAt: -1, _id: -1 }", unique: false);
        await AssertIndexAsync("sessions", "owner", "{ ownerId: 1, createdAt: -1, _id: -1 }", unique: false);
        await AssertIndexAsync("sessions", "postCreated", "{ postId: 1, createdAt: -1, _id: -1 }", unique: false);
        await AssertIndexAsync("postViews", "postKindVersion", "{ postId: 1, kind: 1, postVersion: 1 }", unique: false);
        await AssertIndexAsync("campaigns", "advertiser", "{ advertiserId: 1, createdAt: -1, _id: -1 }", unique: false);
        await AssertIndexAsync("campaigns", "review", "{ review: 1, submittedAt: 1, _id: 1 }", unique: false);
        await AssertIndexAsync("adEvents", "campaignTime", "{ campaignId: 1, occurredAt: 1 }", unique: false);
        await AssertIndexAsync("adLedger", "campaignTime", "{ campaignId: 1, occurredAt: 1 }", unique: false);
    }

    [SkippableFact]
    public async Task InsertAsync_campaignAndLedgerEntry_storeMoneyAsDecimal128AndEnumsAsStrings()
    {
        var campaign = Samples.Campaign();
        var entry = Samples.LedgerEntry(campaign.Id, 0.10m, Samples.At(1));

        await Fixture.Services.GetRequiredService<ICampaignRepository>().InsertAsync(campaign);
        await Fixture.Services.GetRequiredService<IAdLedgerRepository>().AppendAsync(entry);

        var raw = await Raw("campaigns").Find(new BsonDocument("_id", campaign.Id)).SingleAsync();
        Assert.Equal(BsonType.Decimal128, raw["totalBudget"].BsonType);
        Assert.Equal(Decimal128.Parse("1234567.89"), raw["totalBudget"].AsDecimal128);
        Assert.Equal(Decimal128.Parse("0.10"), raw["dailyBudget"].AsDecimal128);
        Assert.Equal(Decimal128.Parse("0.0001"), raw["bid"].AsDecimal128);
        Assert.Equal("Cpe", raw["bidType"].AsString);
        Assert.Equal("Rejected", raw["review"].AsString);
        Assert.Equal("Quiz", raw["exclusions"]["postKinds"][0].AsString);
        Assert.Equal("https://coffee.example/chat", raw["creative"]["sponsoredInteraction"]["landingUrl"].AsString);
        var ledger = await Raw("adLedger").Find(new BsonDocument("_id", entry.Id)).SingleAsync();
        Assert.Equal(Decimal128.Parse("0.10"), ledger["amount"].AsDecimal128);
    }

    async Task AssertIndexAsync(string collection, string name, string keys, bool unique)
    {
        var indexes = await (await Raw(collection).Indexes.ListAsync()).ToListAsync();
        var index = Assert.Single(indexes, i => i["name"] == name);
        Assert.Equal(BsonDocument.Parse(keys), index["key"].AsBsonDocument);
        Assert.Equal(unique, index.GetValue("unique", false).ToBoolean());
    }

    public static TheoryData<string, string> UniqueKeys => new()
    {
        { "users", "{ loginKey: 'email:a@example.test' }" },
        { "postVersions", "{ idempotencyKey: 'k1' }" },
        { "turns", "{ idempotencyKey: 'k2', sessionId: 's', seq: 1 }" },
        { "images", "{ contentHash: 'ABC' }" },
    };

    [SkippableTheory]
    [MemberData(nameof(UniqueKeys))]
    public async Task TryInsertAsync_uniqueKeyTakenUnderAnotherId_isADuplicateReportedByTheServer(string collection, string key)
    {
        await Store.EnsureReadyAsync();
        var first = BsonDocument.Parse(key).Add("_id", DocumentIds.New());
        var second = BsonDocument.Parse(key).Set("_id", DocumentIds.New());
        if (collection == "turns") second["idempotencyKey"] = "other";

        Assert.Equal(WriteOutcome.Ok, await MongoStore.TryInsertAsync(Raw(collection), first, default));
        var error = await Assert.ThrowsAnyAsync<MongoException>(() => Raw(collection).InsertOneAsync(second));

        Assert.True(MongoStore.IsDuplicateKey(error), error.ToString());
        // The stub answers with a command error, a real server with a write error: the store handles both.
        if (Fixture.IsMongoStub) Assert.IsType<MongoCommandException>(error);
        else Assert.IsType<MongoWriteException>(error);
        Assert.Equal(WriteOutcome.Duplicate, await MongoStore.TryInsertAsync(Raw(collection), second, default));
        Assert.Equal(1, await Raw(collection).CountDocumentsAsync(BsonDocument.Parse(key)));
    }

    [SkippableFact]
    public async Task AddStorage_mongoUrlSet_registersTheMongoStoreAndCreatesItsIndexesAtStart()
    {
        var databaseName = Fixture.DatabaseName + "_host";
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:MongoUrl"] = Fixture.ConnectionString,
            ["Storage:MongoDatabase"] = databaseName,
        });
        builder.AddStorage();
        using var host = builder.Build();

        await host.StartAsync();

        Assert.IsType<MongoUserRepository>(host.Services.GetRequiredService<IUserRepository>());
        Assert.IsType<MongoImageRepository>(host.Services.GetRequiredService<IImageRepository>());
        var database = host.Services.GetRequiredService<IMongoClient>().GetDatabase(databaseName);
        var indexes = await (await database.GetCollection<BsonDocument>("users").Indexes.ListAsync()).ToListAsync();
        Assert.Contains(indexes, i => i["name"] == "loginKey");
        if (!Fixture.IsMongoStub) await database.Client.DropDatabaseAsync(databaseName);
        await host.StopAsync();
    }

    [SkippableFact]
    public async Task ListQueries_onARealServer_areServedByTheirIndexesWithoutASortStage()
    {
        RequiresRealMongo("the explain command");
        var finds = new List<BsonDocument>();
        var settings = MongoClientSettings.FromConnectionString(Fixture.ConnectionString!);
        settings.ClusterConfigurator = c => c.Subscribe<MongoDB.Driver.Core.Events.CommandStartedEvent>(e =>
        {
            if (e.CommandName == "find") lock (finds) finds.Add(e.Command.DeepClone().AsBsonDocument);
        });
        using var client = new MongoClient(settings);
        await using var provider = StoreServices.Build(
            new StorageOptions { MongoUrl = Fixture.ConnectionString, MongoDatabase = Fixture.DatabaseName },
            s => { s.AddSingleton<IMongoClient>(client); s.AddMongoStorage(); });
        var posts = provider.GetRequiredService<IPostRepository>();
        await posts.ListPublishedAsync(new FeedPageQuery(20));
        await posts.ListPublishedAsync(new FeedPageQuery(20, Samples.Now, "some-id", AgeRating.Teen));
        await posts.ListByCreatorAsync("creator");
        await posts.ListVersionsAsync("post");
        await provider.GetRequiredService<ITurnRepository>().ListAsync("session", afterSeq: 3);
        await provider.GetRequiredService<ITurnRepository>().ListFromEventAsync("session", afterEventSeq: 30);
        await provider.GetRequiredService<ISessionRepository>().ListByOwnerAsync("owner", "post");
        await provider.GetRequiredService<IPostActivityReader>().ListSessionsByPostAsync("post", 10);

        var expected = new[] { "feed", "feed", "creator", "post", "sessionSeq", "sessionEvents", "owner", "postCreated" };
        Assert.Equal(expected.Length, finds.Count);
        var database = client.GetDatabase(Fixture.DatabaseName);
        for (var i = 0; i < finds.Count; i++)
        {
            var find = new BsonDocument(finds[i].Where(e => !e.Name.StartsWith('$') && e.Name is not "lsid" and not "txnNumber"));
            var explain = await database.RunCommandAsync<BsonDocument>(new BsonDocument("explain", find));
            var stages = Stages(explain["queryPlanner"]["winningPlan"]).ToList();
            Assert.Contains(stages, s => s.Stage == "IXSCAN" && s.Index == expected[i]);
            Assert.DoesNotContain(stages, s => s.Stage == "SORT");
        }
    }

    [SkippableFact]
    public async Task PostEngagementReader_aThousandPosts_isOneAggregateCommand()
    {
        var commands = new List<string>();
        var settings = MongoClientSettings.FromConnectionString(Fixture.ConnectionString!);
        settings.ClusterConfigurator = c => c.Subscribe<MongoDB.Driver.Core.Events.CommandStartedEvent>(e =>
        {
            if (e.CommandName is not ("hello" or "isMaster" or "buildInfo" or "createIndexes" or "endSessions" or "ping")) lock (commands) commands.Add(e.CommandName);
        });
        using var client = new MongoClient(settings);
        await using var provider = StoreServices.Build(
            new StorageOptions { MongoUrl = Fixture.ConnectionString, MongoDatabase = Fixture.DatabaseName },
            s => { s.AddSingleton<IMongoClient>(client); s.AddMongoStorage(); });
        await provider.GetRequiredService<MongoStore>().EnsureReadyAsync();
        commands.Clear();

        var ids = Enumerable.Range(0, IPostEngagementReader.MaxPostIds).Select(i => $"post-{i}").ToArray();
        var counts = await provider.GetRequiredService<IPostEngagementReader>().ReadAsync(ids, Samples.Now.AddDays(-30));

        Assert.Equal(ids.Length, counts.Count);
        Assert.Equal(["aggregate"], commands);
    }

    static IEnumerable<(string Stage, string? Index)> Stages(BsonValue plan)
    {
        if (plan is BsonDocument document)
        {
            if (document.TryGetValue("stage", out var stage))
                yield return (stage.AsString, document.TryGetValue("indexName", out var index) ? index.AsString : null);
            foreach (var element in document.Elements)
                foreach (var inner in Stages(element.Value)) yield return inner;
        }
        else if (plan is BsonArray array)
        {
            foreach (var item in array)
                foreach (var inner in Stages(item)) yield return inner;
        }
    }
}

[Collection(MongoStubCollection.Name)]
public sealed class MongoStubStoreTests(MongoStubServer server, MongoStubStoreFixture store)
    : MongoStoreTests(store.Attach(server)), IClassFixture<MongoStubStoreFixture>;

public sealed class RealMongoStoreTests(RealMongoStoreFixture store) : MongoStoreTests(store), IClassFixture<RealMongoStoreFixture>;
