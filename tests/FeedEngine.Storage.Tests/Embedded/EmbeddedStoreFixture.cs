using FeedEngine.Storage.Tests.Contract;
using Microsoft.Extensions.DependencyInjection;

namespace FeedEngine.Storage.Tests.Embedded;

/// <summary>The embedded store in a fresh temporary data directory on disk, one per test class, removed afterwards.</summary>
public sealed class EmbeddedStoreFixture : IStoreFixture, IDisposable
{
    readonly ServiceProvider provider;

    public EmbeddedStoreFixture()
    {
        DataDirectory = Directory.CreateTempSubdirectory("feedengine-storage-").FullName;
        provider = StoreServices.Build(new StorageOptions { DataDirectory = DataDirectory }, s => s.AddEmbeddedStorage());
    }

    public string? SkipReason => null;
    public IServiceProvider Services => provider;
    public string DataDirectory { get; }

    public void Dispose()
    {
        provider.Dispose();
        Directory.Delete(DataDirectory, recursive: true);
    }
}

public sealed class EmbeddedContractTests(EmbeddedStoreFixture store) : StorageContractTests(store), IClassFixture<EmbeddedStoreFixture>;
