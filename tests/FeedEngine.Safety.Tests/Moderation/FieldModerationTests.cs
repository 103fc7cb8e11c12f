using FeedEngine.Safety.Moderation;
using FeedEngine.Storage.Posts;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace FeedEngine.Safety.Tests.Moderation;

/// <summary>Authored content (a post at publish, an ad at review) moderated part by part, so a refusal names the part and the category.</summary>
public sealed class FieldModerationTests
{
    static readonly IOptions<SafetyOptions> Options = Microsoft.Extensions.Options.Options.Create(new SafetyOptions
    {
        BlockedTopics = ["crypto giveaway"],
        Guard = { Model = "llama-guard-3-1b" },
    });

    static ModerationService Service(ScriptedChatClient guard) =>
        new([new PolicyStage(Options), new LlamaGuardStage(guard, Options, NullLogger<LlamaGuardStage>.Instance)], NullLogger<ModerationService>.Instance);

    static readonly ModeratedField[] Parts =
    [
        new("title", "the title", "The lighthouse"),
        new("persona", "the persona", "A keeper who hates the fishermen's families"),
        new("greetings", "a greeting", "Welcome aboard."),
    ];

    [Fact]
    public async Task FirstBlocked_guardFlagsThePersona_namesThePartAndTheHazardCategory()
    {
        var guard = new ScriptedChatClient((messages, _) => Task.FromResult(messages[^1].Text.Contains("hates", StringComparison.Ordinal) ? "unsafe\nS10" : "safe"));

        var block = await Service(guard).FirstBlockedAsync(Parts, ContentKind.PostProgram, AgeRating.Everyone, "post-1", CancellationToken.None);

        Assert.NotNull(block);
        Assert.Equal("persona", block.Part.Field);
        Assert.Equal(["S10"], block.Decision.Categories);
        Assert.StartsWith("The persona was flagged by moderation: S10 (Hate).", block.Describe());
        // The parts after the blocked one are not sent to the guard.
        Assert.Equal(2, guard.Calls.Count);
    }

    [Fact]
    public async Task FirstBlocked_platformTopicInAGreeting_namesThePolicyCategory()
    {
        var parts = Parts.Select(p => p.Field == "greetings" ? p with { Text = "Join our CRYPTO   giveaway!" } : p with { Text = p.Text.Replace("hates", "loves") });

        var block = await Service(ScriptedChatClient.Answering("safe")).FirstBlockedAsync(parts, ContentKind.AdCreative, AgeRating.Everyone, "campaign-1", CancellationToken.None);

        Assert.Equal(("greetings", PolicyCategories.PlatformTopic), (block?.Part.Field, block?.Decision.Categories.Single()));
        Assert.Contains("a topic this platform does not allow", block!.Describe());
    }

    [Fact]
    public async Task FirstBlocked_cleanOrEmptyParts_isNull_andEmptyPartsAreNotSent()
    {
        var guard = ScriptedChatClient.Answering("safe");
        ModeratedField[] parts = [new("title", "the title", "Calm seas"), new("lore", "a lore entry", "   "), new("hook", "the hook", "")];

        Assert.Null(await Service(guard).FirstBlockedAsync(parts, ContentKind.PostProgram, AgeRating.Everyone, null, CancellationToken.None));
        Assert.Single(guard.Calls);
    }

    [Fact]
    public void Describe_unknownAndEmptyCategories_stillReadable()
    {
        Assert.Equal("S1 (Violent Crimes), custom.code (custom.code)", ModerationCategoryNames.Describe(["S1", "custom.code"]));
        Assert.Equal("unsafe content", ModerationCategoryNames.Describe([]));
    }
}
