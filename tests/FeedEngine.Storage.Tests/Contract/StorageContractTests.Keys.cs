using FeedEngine.Storage.Keys;
using Microsoft.Extensions.DependencyInjection;

namespace FeedEngine.Storage.Tests.Contract;

public abstract partial class StorageContractTests
{
    IKeyRepository Keys => Store.Services.GetRequiredService<IKeyRepository>();

    [SkippableFact]
    public async Task Keys_insertFindList_byPurposeOldestFirst_andASecondWriterOfTheSameIdKeepsTheFirst()
    {
        var purpose = "test-" + DocumentIds.New();
        var now = DateTime.UtcNow;
        KeyDocument Key(string name, string value, int minutes) =>
            new() { Id = KeyDocument.MakeId(purpose, name), Purpose = purpose, Name = name, Value = value, CreatedAt = now.AddMinutes(minutes) };

        Assert.Equal(WriteOutcome.Ok, await Keys.InsertAsync(Key("newer", "<key id=\"2\" />", 1)));
        Assert.Equal(WriteOutcome.Ok, await Keys.InsertAsync(Key("older", "<key id=\"1\" />", 0)));
        Assert.Equal(WriteOutcome.Duplicate, await Keys.InsertAsync(Key("older", "overwritten", 5)));

        Assert.Equal(["older", "newer"], (await Keys.ListAsync(purpose)).Select(k => k.Name));
        Assert.Equal("<key id=\"1\" />", (await Keys.FindAsync(KeyDocument.MakeId(purpose, "older")))!.Value);
        Assert.Null(await Keys.FindAsync(KeyDocument.MakeId(purpose, "missing")));
        Assert.Empty(await Keys.ListAsync("other-" + purpose));
    }

    [SkippableFact]
    public async Task Keys_racingFirstWriters_exactlyOneWins()
    {
        var id = KeyDocument.MakeId("race-" + DocumentIds.New(), "current");

        var outcomes = await RaceAsync(8, i => Keys.InsertAsync(new KeyDocument { Id = id, Purpose = "race", Name = "current", Value = $"key {i}", CreatedAt = DateTime.UtcNow }));

        Assert.Single(outcomes, o => o == WriteOutcome.Ok);
        Assert.Equal(7, outcomes.Count(o => o == WriteOutcome.Duplicate));
    }
}
