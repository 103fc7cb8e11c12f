using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FeedEngine.Storage.Tests.Contract;

/// <summary>One store under the contract: its repositories, and why it cannot run here (when it cannot).</summary>
public interface IStoreFixture
{
    /// <summary>Null when the store runs; else the reason every test of it is skipped.</summary>
    string? SkipReason { get; }

    IServiceProvider Services { get; }

    /// <summary>The embedded store's data directory (null for MongoDB).</summary>
    string? DataDirectory { get; }
}

static class StoreServices
{
    /// <summary>The repositories as the app registers them, with the given options.</summary>
    public static ServiceProvider Build(StorageOptions options, Action<IServiceCollection> addStore)
    {
        var services = new ServiceCollection();
        services.AddSingleton(Options.Create(options));
        addStore(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }
}
