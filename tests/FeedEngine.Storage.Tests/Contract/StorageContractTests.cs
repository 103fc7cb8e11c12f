using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace FeedEngine.Storage.Tests.Contract;

/// <summary>
/// The storage contract, written once against the repository interfaces and run by each store:
/// the embedded store on disk, the MongoDB store on the wire-compatible stub, and on a real MongoDB (<c>MONGODB_URL</c>).
/// Every test class gets a fresh store; tests in a class run one after another and use fresh ids.
/// </summary>
public abstract partial class StorageContractTests(IStoreFixture store)
{
    protected IStoreFixture Store
    {
        get
        {
            Skip.If(store.SkipReason is not null, store.SkipReason);
            return store;
        }
    }

    T Repository<T>() where T : notnull => Store.Services.GetRequiredService<T>();

    protected IUserRepository Users => Repository<IUserRepository>();
    protected IPostRepository Posts => Repository<IPostRepository>();
    protected ISessionRepository Sessions => Repository<ISessionRepository>();
    protected ITurnRepository Turns => Repository<ITurnRepository>();
    protected IPostStateRepository States => Repository<IPostStateRepository>();
    protected IViewerProfileRepository Profiles => Repository<IViewerProfileRepository>();
    protected IImageRepository Images => Repository<IImageRepository>();
    protected ICampaignRepository Campaigns => Repository<ICampaignRepository>();
    protected IAdEventRepository AdEvents => Repository<IAdEventRepository>();
    protected IAdLedgerRepository AdLedger => Repository<IAdLedgerRepository>();
    protected IMemoryRepository Memory => Repository<IMemoryRepository>();

    static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>
    /// Every field, nested ones included, compared through their JSON form. Dates compare with their kind:
    /// a date read back as local or unspecified differs from the UTC one stored.
    /// </summary>
    protected static void AssertSameDocument<T>(T expected, T? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(JsonSerializer.Serialize(expected, Json), JsonSerializer.Serialize(actual, Json));
    }

    protected static T Copy<T>(T value) => JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(value, Json), Json)!;

    /// <summary>Starts <paramref name="count"/> racers together (they all wait at one gate) and collects their results.</summary>
    protected static async Task<T[]> RaceAsync<T>(int count, Func<int, Task<T>> racer)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var ready = 0;
        var allReady = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = Enumerable.Range(0, count).Select(i => Task.Run(async () =>
        {
            if (Interlocked.Increment(ref ready) == count) allReady.SetResult();
            await gate.Task;
            return await racer(i);
        })).ToArray();
        await allReady.Task.WaitAsync(TimeSpan.FromSeconds(30));
        gate.SetResult();
        return await Task.WhenAll(tasks).WaitAsync(TimeSpan.FromSeconds(60));
    }
}
