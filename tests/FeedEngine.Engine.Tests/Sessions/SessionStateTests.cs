using System.Text.Json;
using FeedEngine.Engine.Prompts;
using static FeedEngine.Engine.Tests.Sessions.EngineCluster;

namespace FeedEngine.Engine.Tests.Sessions;

[Collection(EngineClusterCollection.Name)]
public sealed class SessionStateTests(EngineCluster engine)
{
    [Fact]
    public async Task Reply_withAStateBlock_appliesTheValidChangesRejectsTheRestAndNeverShowsTheBlock()
    {
        var (viewer, session, snapshot) = await engine.StartAsync();
        Assert.Equal("""{"location":"harbor","clues":[]}""", snapshot.StateJson);
        engine.Model.Reply("I climb to the lighthouse.",
            "You climb the spiral stairs. A ledger lies torn on the desk.\n<sta", "te>{\"set\":{\"location\":\"lighthouse\",\"suspicion\":400},",
            "\"add\":{\"clues\":[\"torn ledger\",\"a ghost\"]},\"inc\":{\"suspicion\":5}}</sta", "te>");

        var (_, events) = await SendAsync(session, viewer, "I climb to the lighthouse.");

        var shown = Tokens(events);
        Assert.Equal("You climb the spiral stairs. A ledger lies torn on the desk.\n", shown);
        Assert.DoesNotContain(events, e => e.Text?.Contains("state", StringComparison.OrdinalIgnoreCase) == true || e.Text?.Contains('{') == true);
        var change = Assert.Single(events, e => e.Kind == SessionEventKind.State);
        Assert.Equal("""{"location":"lighthouse","clues":[]}""", change.StateJson);
        Assert.Equal([SessionEventKind.State, SessionEventKind.Turn], events.TakeLast(2).Select(e => e.Kind));

        var stored = (await engine.Turns.ListAsync(snapshot.SessionId))[^1];
        Assert.Equal(shown, stored.Text);
        Assert.Equal("""{"location":"lighthouse","clues":[],"suspicion":15}""", stored.StateJson);
        var document = await engine.Sessions.FindAsync(snapshot.SessionId);
        Assert.Equal(stored.StateJson, document!.StateJson);
        var after = Ok(await session.GetSnapshotAsync(viewer));
        Assert.Equal("""{"location":"lighthouse","clues":[]}""", after.StateJson);
        Assert.Equal(JsonValueKind.Object, after.State.ValueKind);
    }

    [Fact]
    public async Task Reply_changesState_theNextPromptCarriesTheNewValues()
    {
        var (viewer, session, _) = await engine.StartAsync(Samples.Quiz());
        engine.Model.Reply("The Sun!", "Correct! Question 2: the largest planet?", "<state>{\"inc\":{\"score\":1,\"question\":1}}</state>");

        await SendAsync(session, viewer, "The Sun!");
        await SendAsync(session, viewer, "Jupiter");

        var system = engine.Model.PromptFor("Jupiter")[0].Text;
        Assert.Contains("- score = 1 (", system, StringComparison.Ordinal);
        Assert.Contains("- question = 2 (", system, StringComparison.Ordinal);
        Assert.Equal("""{"score":1,"question":2}""", Ok(await session.GetSnapshotAsync(viewer)).StateJson);
    }

    [Theory]
    [InlineData("<state>{\"set\":{\"location\":\"moon\"}}</state>")]
    [InlineData("<state>{\"set\":{\"location\":</state>")]
    [InlineData("<state>not json at all</state>")]
    [InlineData("<state>{\"set\":{\"location\":\"cave\"}")]
    public async Task Reply_withAMalformedOrInvalidBlock_keepsTheStateAndStoresTheTurn(string block)
    {
        var (viewer, session, snapshot) = await engine.StartAsync();
        engine.Model.Reply("Take me to the moon.", "The sea is the only way out. ", block);

        var (_, events) = await SendAsync(session, viewer, "Take me to the moon.");

        Assert.Equal("The sea is the only way out. ", Tokens(events));
        Assert.DoesNotContain(events, e => e.Kind == SessionEventKind.State);
        Assert.Equal(SessionTurnStatus.Complete, events[^1].TurnStatus);
        var stored = (await engine.Turns.ListAsync(snapshot.SessionId))[^1];
        Assert.Null(stored.StateJson);
        Assert.Equal(snapshot.StateJson, Ok(await session.GetSnapshotAsync(viewer)).StateJson);
    }

    [Fact]
    public async Task Reply_changingOnlyAHiddenVariable_sendsNoStateEventButStoresIt()
    {
        var (viewer, session, snapshot) = await engine.StartAsync();
        engine.Model.Reply("I stare at the harbormaster.", "He stares back.", "<state>{\"inc\":{\"suspicion\":20}}</state>");

        var (_, events) = await SendAsync(session, viewer, "I stare at the harbormaster.");

        Assert.DoesNotContain(events, e => e.Kind == SessionEventKind.State);
        Assert.Contains("\"suspicion\":30", (await engine.Turns.ListAsync(snapshot.SessionId))[^1].StateJson, StringComparison.Ordinal);
        Assert.Contains("- suspicion = 30", (await NextPromptAsync(session, viewer))[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prompt_includesTriggeredLoreAndStaysWithinTheBudget()
    {
        var (viewer, session, _) = await engine.StartAsync();
        var longReply = string.Concat(Enumerable.Repeat("The fog rolls over the harbor wall and the lamps hiss in the rain. ", 25));
        for (var i = 0; i < 4; i++)
        {
            engine.Model.Reply($"Walk on {i}.", longReply);
            await SendAsync(session, viewer, $"Walk on {i}.");
        }

        var prompt = await NextPromptAsync(session, viewer, "Who was the keeper, and is there a map of the cave?");

        var options = new Engine.Sessions.SessionOptions();
        var budget = options.ContextTokens - options.ReplyTokens;
        var estimated = prompt.Sum(m => new TokenEstimator(1).CountMessage(m.Text));
        Assert.True(estimated <= budget, $"The prompt has about {estimated} tokens; the budget is {budget}.");
        var system = prompt[0].Text;
        Assert.Contains("Edwin Marsh kept the Gull's End light", system, StringComparison.Ordinal);
        Assert.Contains("A cave under the north cliff", system, StringComparison.Ordinal);
        Assert.Contains("fishing village of forty houses", system, StringComparison.Ordinal);
        Assert.DoesNotContain("Ada Quill", system, StringComparison.Ordinal);
        Assert.Contains("Earlier in this conversation", system, StringComparison.Ordinal);
        Assert.Equal("Who was the keeper, and is there a map of the cave?", prompt[^1].Text);
    }

    async Task<IReadOnlyList<Microsoft.Extensions.AI.ChatMessage>> NextPromptAsync(ISessionGrain session, string viewer, string text = "What now?")
    {
        await SendAsync(session, viewer, text);
        return engine.Model.PromptFor(text);
    }
}
