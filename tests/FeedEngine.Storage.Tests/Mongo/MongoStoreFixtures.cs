using FeedEngine.Storage.Tests.Contract;
using Microsoft.Extensions.DependencyInjection;
using FeedEngine.Storage.Mongo;
using MongoDB.Driver;

namespace FeedEngine.Storage.Tests.Mongo;

/// <summary>The MongoDB store on a fresh database named for one test class, dropped afterwards.</summary>
public abstract class MongoStoreFixture : IStoreFixture, IAsyncLifetime
{
    ServiceProvider? provider;

    public abstract string? SkipReason { get; }
    /// <summary>The wire-compatible stub, which lacks some MongoDB features (see <see cref="MongoStoreTests.RequiresRealMongo"/>).</summary>
    public abstract bool IsMongoStub { get; }
    public string? DataDirectory => null;
    public string DatabaseName { get; } = "contract_" + Guid.NewGuid().ToString("N")[..12];

    public IServiceProvider Services => provider ?? throw new InvalidOperationException("The MongoDB store was not connected.");

    public MongoStore Store => Services.GetRequiredService<MongoStore>();

    /// <summary>Where the store connects (null until connected).</summary>
    public string? ConnectionString { get; private set; }

    protected void Connect(string connectionString)
    {
        ConnectionString = connectionString;
        provider ??= StoreServices.Build(new StorageOptions { MongoUrl = connectionString, MongoDatabase = DatabaseName }, s => s.AddMongoStorage());
    }

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (provider is null) return;
        // The stub has no dropDatabase; its databases end with the process.
        if (!IsMongoStub) await provider.GetRequiredService<IMongoClient>().DropDatabaseAsync(DatabaseName);
        await provider.DisposeAsync();
    }
}

/// <summary>A database on the stub the collection fixture started (attached by the test class, which receives both).</summary>
public sealed class MongoStubStoreFixture : MongoStoreFixture
{
    public override string? SkipReason => null;
    public override bool IsMongoStub => true;

    public MongoStubStoreFixture Attach(MongoStubServer server)
    {
        Connect(server.ConnectionString);
        return this;
    }
}

/// <summary>A database on the real MongoDB server at <c>MONGODB_URL</c>; every test skips when it is unset.</summary>
public sealed class RealMongoStoreFixture : MongoStoreFixture
{
    public const string Variable = "MONGODB_URL";
    static readonly string? Url = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } url ? url : null;

    public override string? SkipReason => Url is null
        ? $"{Variable} is not set: the contract against a real MongoDB server runs only when it points at one (e.g. mongodb://127.0.0.1:27017)."
        : null;

    public override bool IsMongoStub => false;

    public override Task InitializeAsync()
    {
        if (Url is not null) Connect(Url);
        return Task.CompletedTask;
    }
}

[Collection(MongoStubCollection.Name)]
public sealed class MongoStubContractTests(MongoStubServer server, MongoStubStoreFixture store)
    : StorageContractTests(store.Attach(server)), IClassFixture<MongoStubStoreFixture>;

public sealed class RealMongoContractTests(RealMongoStoreFixture store) : StorageContractTests(store), IClassFixture<RealMongoStoreFixture>;
