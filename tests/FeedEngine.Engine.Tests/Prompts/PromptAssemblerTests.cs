using FeedEngine.Engine.Prompts;
using FeedEngine.Storage.Sessions;
using Microsoft.Extensions.AI;

namespace FeedEngine.Engine.Tests.Prompts;

public sealed class PromptAssemblerTests
{
    static readonly TokenEstimator Bytes = new(1);
    static readonly PostProgram Lighthouse = Samples.Program(Samples.Lighthouse());
    static readonly StateSchema Schema = StateSchema.Build(Lighthouse.StateSchema);

    static List<TurnDocument> Conversation(int exchanges, string last)
    {
        var turns = new List<TurnDocument>();
        for (var i = 0; i < exchanges; i++)
        {
            turns.Add(new TurnDocument { Seq = turns.Count + 1, Role = TurnRole.Viewer, Text = $"Question {i}: I look around the quay and ask about the weather." });
            turns.Add(new TurnDocument { Seq = turns.Count + 1, Role = TurnRole.Post, Text = $"Answer {i}: The wind drags salt across the stones; a gull shrieks overhead." });
        }
        turns.Add(new TurnDocument { Seq = turns.Count + 1, Role = TurnRole.Viewer, Text = last });
        return turns;
    }

    static Task<AssembledPrompt> Build(int budget, List<TurnDocument> turns, int loreBudget = 400) =>
        new PromptAssembler(new PromptBudget(budget, loreBudget, 200, 4, 0), Bytes)
            .BuildAsync(new PromptInput(Lighthouse, Schema, Schema.Initial(), Lighthouse.Greetings[0], turns, []), CancellationToken.None);

    [Fact]
    public async Task BuildAsync_keywordInTheMessage_triggersItsLoreAndAlwaysOnLore()
    {
        var prompt = await Build(4000, Conversation(1, "Tell me about the keeper."));

        var system = prompt.Messages[0].Text;
        Assert.Contains("Edwin Marsh kept the Gull's End light", system, StringComparison.Ordinal);
        Assert.Contains("fishing village of forty houses", system, StringComparison.Ordinal);
        Assert.DoesNotContain("north cliff", system, StringComparison.Ordinal);
        Assert.DoesNotContain("Ada Quill", system, StringComparison.Ordinal);
        Assert.Equal(["Edwin Marsh", "Gull's End"], prompt.Lore.Select(l => l.Rule.Name));
    }

    [Fact]
    public async Task BuildAsync_secondaryKeys_needOneOfThemToo()
    {
        var withoutMap = await Build(4000, Conversation(0, "I walk to the cave."));
        var withMap = await Build(4000, Conversation(0, "I unfold the map and walk to the cave."));

        Assert.DoesNotContain(withoutMap.Lore, l => l.Rule.Name == "The sea cave");
        Assert.Contains(withMap.Lore, l => l.Rule.Name == "The sea cave");
    }

    [Fact]
    public async Task BuildAsync_everyPart_isInItsPlace()
    {
        var prompt = await Build(4000, Conversation(2, "Where is the keeper?"));

        var system = prompt.Messages[0].Text;
        Assert.StartsWith(Lighthouse.Persona, system, StringComparison.Ordinal);
        Assert.Contains(Lighthouse.HiddenInstructions, system, StringComparison.Ordinal);
        Assert.Contains("- The cave can only be reached", system, StringComparison.Ordinal);
        Assert.Contains("- location = \"harbor\" (one of 'harbor', 'lighthouse', 'cave')", system, StringComparison.Ordinal);
        Assert.Contains("- suspicion = 10 (whole number from 0 to 100), hidden from the player", system, StringComparison.Ordinal);
        Assert.Contains("<state>", system, StringComparison.Ordinal);
        Assert.Equal(ChatRole.Assistant, prompt.Messages[1].Role);
        Assert.Equal(Lighthouse.Greetings[0], prompt.Messages[1].Text);
        Assert.Equal(ChatRole.User, prompt.Messages[^1].Role);
        Assert.Equal("Where is the keeper?", prompt.Messages[^1].Text);
        Assert.Equal(7, prompt.Messages.Count);
        Assert.Equal(0, prompt.TurnsCondensed);
    }

    [Theory]
    [InlineData(2000)]
    [InlineData(2800)]
    [InlineData(4000)]
    public async Task BuildAsync_longConversation_staysWithinBudgetAndCondensesOlderTurns(int budget)
    {
        var prompt = await Build(budget, Conversation(40, "What about the keeper's ledger?"));

        Assert.True(prompt.EstimatedTokens <= budget, $"{prompt.EstimatedTokens} tokens for a budget of {budget}");
        Assert.Equal(prompt.EstimatedTokens, prompt.Messages.Sum(m => Bytes.CountMessage(m.Text)));
        Assert.True(prompt.TurnsCondensed > 0);
        Assert.Contains("Earlier in this conversation", prompt.Messages[0].Text, StringComparison.Ordinal);
        Assert.Contains("Edwin Marsh kept", prompt.Messages[0].Text, StringComparison.Ordinal);
        // The newest turns are the ones kept whole, the message last.
        Assert.Equal("What about the keeper's ledger?", prompt.Messages[^1].Text);
        Assert.StartsWith("Answer 39", prompt.Messages[^2].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BuildAsync_smallLoreBudget_keepsTheHighestPriorityThatFits()
    {
        var prompt = await Build(4000, Conversation(0, "The keeper drank at the pub in the village."), loreBudget: 110);

        Assert.Equal(["Edwin Marsh"], prompt.Lore.Select(l => l.Rule.Name));
    }

    [Fact]
    public async Task BuildAsync_programLargerThanTheContext_saysSo()
    {
        var error = await Assert.ThrowsAsync<PromptTooLongException>(() => Build(200, Conversation(0, "Hello")));

        Assert.Contains("shorten", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BuildAsync_embeddings_addLoreCloseInMeaningWithoutAKey()
    {
        var assembler = new PromptAssembler(new PromptBudget(4000, 400, 200, 4, 0.5), Bytes, new FakeEmbeddings("Who runs the tavern?", "The pub's landlady"));

        var prompt = await assembler.BuildAsync(new PromptInput(Lighthouse, Schema, Schema.Initial(), "", Conversation(0, "Who runs the tavern?"), []), CancellationToken.None);

        var semantic = Assert.Single(prompt.Lore, l => l.Trigger == LoreTrigger.Semantic);
        Assert.Equal("The Drowned Bell", semantic.Rule.Name);
    }

    /// <summary>Gives the same vector to texts starting with one of the pair and orthogonal vectors to everything else.</summary>
    sealed class FakeEmbeddings(string query, string matchingPrefix) : IEmbeddingGenerator<string, Embedding<float>>
    {
        public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
        {
            var other = 1;
            return Task.FromResult(new GeneratedEmbeddings<Embedding<float>>(values.Select(v =>
            {
                var vector = new float[64];
                vector[v == query || v.StartsWith(matchingPrefix, StringComparison.Ordinal) ? 0 : other++] = 1;
                return new Embedding<float>(vector);
            })));
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
