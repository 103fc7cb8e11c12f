using FeedEngine.Engine.Memory;
using FeedEngine.Storage.Memory;
using FeedEngine.Storage.Sessions;
using FeedEngine.Storage.Viewers;
using FeedEngine.Engine.Tests.Sessions;

namespace FeedEngine.Engine.Tests.Memory;

/// <summary>Facts drawn from a quiet session, recalled in later sessions with other posts, forgotten on delete, never made with memory off.</summary>
[Collection(MemoryClusterCollection.Name)]
public sealed class SessionMemoryTests(MemoryCluster memory)
{
    static TurnDocument Said(long seq, string text) => new() { Seq = seq, Role = TurnRole.Viewer, Text = text };

    static string Answer(params (long Turn, string Fact, string Scope)[] facts) =>
        "{\"facts\":[" + string.Join(",", facts.Select(f => $"{{\"turn\":{f.Turn},\"fact\":\"{f.Fact}\",\"scope\":\"{f.Scope}\"}}")) + "]}";

    async Task<string> SendAsync(ISessionGrain session, string viewer, string text)
    {
        var (_, events) = await EngineCluster.SendAsync(session, viewer, text);
        return events[^1].Text!;
    }

    [Fact]
    public async Task Fact_statedInOneSession_isStoredWithItsSourceRecalledWithAnotherPostAndGoneAfterDelete()
    {
        var viewer = "viewer-" + Guid.NewGuid().ToString("n");
        var lighthouse = await memory.PublishAsync(Samples.Lighthouse());
        var quiz = await memory.PublishAsync(Samples.Quiz());
        var first = await memory.StartAsync(viewer, lighthouse);
        var said = $"By the way, my dog is called Biscuit. {viewer}";
        var aside = $"I also love jazz records. {viewer}";
        memory.Model.Reply(MemoryExtractor.Prompt([Said(1, said), Said(3, aside)]),
            Answer((1, "The viewer's dog is called Biscuit.", "viewer"), (3, "The viewer loves jazz records.", "viewer"), (9, "Made up from no turn.", "viewer")));
        await SendAsync(first, viewer, said);
        await SendAsync(first, viewer, aside);

        await memory.GoQuietAsync(first.GetPrimaryKeyString());

        var facts = await memory.Facts.ListAsync(viewer);
        var biscuit = Assert.Single(facts, f => f.Text.Contains("Biscuit", StringComparison.Ordinal));
        Assert.Equal((first.GetPrimaryKeyString(), 1L, said, MemoryScope.Viewer, lighthouse), (biscuit.SourceSessionId, biscuit.SourceTurnSeq, biscuit.SourceText, biscuit.Scope, biscuit.PostId));
        Assert.NotEmpty(biscuit.Embedding);
        Assert.Equal(2, facts.Count);

        // Another post, another session: the relevant fact is in the prompt, the unrelated one is not.
        var second = await memory.StartAsync(viewer, quiz);
        // No random id in this question: the test embeddings hash words into 256 buckets, so a random word could share
        // a bucket with the jazz fact and lift it over the threshold. These words share none with it (cosine 0.0; 0.38
        // with the dog fact), and no other test asks this.
        var question = "Quizmaster, do you remember what my dog is called?";
        await SendAsync(second, viewer, question);
        var system = memory.Model.PromptFor(question)[0].Text;
        Assert.Contains("The viewer's dog is called Biscuit.", system, StringComparison.Ordinal);
        Assert.DoesNotContain("jazz", system, StringComparison.Ordinal);

        Assert.True(await memory.Facts.DeleteAsync(viewer, biscuit.Id));
        var again = $"What is my dog called, again? {viewer}";
        await SendAsync(second, viewer, again);
        Assert.DoesNotContain("Biscuit", memory.Model.PromptFor(again)[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fact_aboutOnePost_isRecalledOnlyWithThatPost()
    {
        var viewer = "viewer-" + Guid.NewGuid().ToString("n");
        var lighthouse = await memory.PublishAsync(Samples.Lighthouse());
        var quiz = await memory.PublishAsync(Samples.Quiz());
        var first = await memory.StartAsync(viewer, lighthouse);
        var said = $"In this story my character is a smuggler named Wren. {viewer}";
        memory.Model.Reply(MemoryExtractor.Prompt([Said(1, said)]), Answer((1, "In the lighthouse story the viewer plays a smuggler named Wren.", "post")));
        await SendAsync(first, viewer, said);
        await memory.GoQuietAsync(first.GetPrimaryKeyString());
        Assert.Equal(MemoryScope.ViewerOnPost, Assert.Single(await memory.Facts.ListAsync(viewer)).Scope);

        var onQuiz = $"Who is the smuggler in my story? {viewer}";
        await SendAsync(await memory.StartAsync(viewer, quiz), viewer, onQuiz);
        var fresh = EngineCluster.Ok(await memory.Grains.GetGrain<IViewerGrain>(viewer).NewSessionAsync(lighthouse));
        var onLighthouse = $"Who is the smuggler in my story, on the lighthouse? {viewer}";
        await SendAsync(memory.Grains.GetGrain<ISessionGrain>(fresh.SessionId), viewer, onLighthouse);

        Assert.DoesNotContain("Wren", memory.Model.PromptFor(onQuiz)[0].Text, StringComparison.Ordinal);
        Assert.Contains("smuggler named Wren", memory.Model.PromptFor(onLighthouse)[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MemoryOff_quietSession_extractsNothingAndAsksTheModelNothing()
    {
        var viewer = "viewer-" + Guid.NewGuid().ToString("n");
        Assert.Equal(Storage.WriteOutcome.Ok, await memory.Profiles.SaveAsync(new ViewerProfileDocument { Id = viewer, MemoryOff = true }));
        var session = await memory.StartAsync(viewer, await memory.PublishAsync(Samples.Lighthouse()));
        var said = $"My dog is called Biscuit. {viewer}";
        var prompt = MemoryExtractor.Prompt([Said(1, said)]);
        var script = memory.Model.Reply(prompt, Answer((1, "The viewer's dog is called Biscuit.", "viewer")));
        await SendAsync(session, viewer, said);

        await memory.GoQuietAsync(session.GetPrimaryKeyString());

        Assert.Empty(await memory.Facts.ListAsync(viewer));
        Assert.Equal(0, script.Calls);
    }

    [Fact]
    public async Task Canon_ofThePost_isInEveryPrompt()
    {
        var viewer = "viewer-" + Guid.NewGuid().ToString("n");
        var content = Samples.Lighthouse();
        content.Canon = "The light has been dark since the storm of 1952.";
        var session = await memory.StartAsync(viewer, await memory.PublishAsync(content));
        var text = $"Why is it dark? {viewer}";

        await SendAsync(session, viewer, text);

        Assert.Contains("dark since the storm of 1952", memory.Model.PromptFor(text)[0].Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("{\"facts\":\"Biscuit\"}")]
    [InlineData("{\"facts\":[{\"turn\":\"one\",\"fact\":\"The viewer's dog is called Biscuit.\"}]}")]
    [InlineData("{\"facts\":[{\"turn\":7,\"fact\":\"The viewer's dog is called Biscuit.\"}]}")]
    [InlineData("{\"facts\":[{\"turn\":1,\"fact\":\"x\"}]}")]
    [InlineData("{\"facts\":[{\"turn\":1,\"fact\":\"{" + "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"}]}")]
    [InlineData("{\"facts\":[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]}")]
    public void Parse_malformedOrHostileAnswer_keepsNothing(string answer)
    {
        Assert.Empty(MemoryExtractor.Parse(answer, [Said(1, "My dog is called Biscuit.")], new MemoryOptions()));
    }
}
