using FeedEngine.Engine.Prompts;
using FeedEngine.Storage.Sessions;

namespace FeedEngine.Engine.Tests.Prompts;

/// <summary>Remembered facts and the post's canon in the prompt: in order of relevance, within their budget.</summary>
public sealed class PromptMemoryTests
{
    static readonly TokenEstimator Bytes = new(1);
    static readonly PostProgram Lighthouse = Samples.Program(Samples.Lighthouse()) with { Canon = "The light has been dark since the storm of 1952." };
    static readonly StateSchema Schema = StateSchema.Build(Lighthouse.StateSchema);

    static Task<AssembledPrompt> Build(int memoryTokens, IReadOnlyList<string> memories, string? canon = null) =>
        new PromptAssembler(new PromptBudget(4000, 400, 200, 4, 0) { MemoryTokens = memoryTokens }, Bytes)
            .BuildAsync(new PromptInput(Lighthouse, Schema, Schema.Initial(), "", [new TurnDocument { Seq = 1, Role = TurnRole.Viewer, Text = "Hello again." }], [])
            {
                Memories = memories,
                Canon = canon ?? Lighthouse.Canon,
            }, CancellationToken.None);

    [Fact]
    public async Task BuildAsync_memoriesAndCanon_carriesThemInOrderWithinTheMemoryBudget()
    {
        var facts = Enumerable.Range(1, 40).Select(i => $"Fact number {i:D2} about the viewer, remembered from an earlier visit.").ToList();

        var prompt = await Build(450, facts);

        var system = prompt.Messages[0].Text;
        Assert.Contains("dark since the storm of 1952", system, StringComparison.Ordinal);
        Assert.Contains("Fact number 01", system, StringComparison.Ordinal);
        Assert.InRange(prompt.Memories.Count, 2, 5);
        Assert.Equal(facts.Take(prompt.Memories.Count), prompt.Memories);
        Assert.DoesNotContain("Fact number 10", system, StringComparison.Ordinal);
        var section = system[system.IndexOf("\n\nSettled facts", StringComparison.Ordinal)..];
        Assert.True(Bytes.Count(section) <= 450, $"The memory section took {Bytes.Count(section)} tokens of 450.");
    }

    [Fact]
    public async Task BuildAsync_noBudget_leavesMemoryAndCanonOut()
    {
        var prompt = await Build(0, ["The viewer's dog is called Biscuit."]);

        Assert.DoesNotContain("Biscuit", prompt.Messages[0].Text, StringComparison.Ordinal);
        Assert.DoesNotContain("1952", prompt.Messages[0].Text, StringComparison.Ordinal);
        Assert.Empty(prompt.Memories);
    }
}
