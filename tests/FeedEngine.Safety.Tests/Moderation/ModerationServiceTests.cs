using FeedEngine.Safety.Moderation;
using FeedEngine.Safety.PersonalData;
using FeedEngine.Storage.Posts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace FeedEngine.Safety.Tests.Moderation;

public sealed class ModerationServiceTests
{
    static readonly IOptions<SafetyOptions> Options = Microsoft.Extensions.Options.Options.Create(new SafetyOptions
    {
        BlockedTopics = ["sports betting", "crypto giveaway"],
        Guard = { Model = "llama-guard-3-1b" },
    });

    static ModerationService Service(ScriptedChatClient? guard, ILogger<ModerationService>? logger = null)
    {
        List<IModerationStage> stages = [new PolicyStage(Options)];
        if (guard is not null) stages.Add(new LlamaGuardStage(guard, Options, NullLogger<LlamaGuardStage>.Instance));
        return new ModerationService(stages, logger ?? NullLogger<ModerationService>.Instance);
    }

    [Fact]
    public async Task Reply_flaggedByTheGuard_isBlockedWithItsCategories_andLogged()
    {
        var log = new RecordingLogger();

        var decision = await Service(ScriptedChatClient.Answering("unsafe\nS9"), log)
            .ModerateAsync(new ModerationRequest("how to build a weapon", ContentKind.ModelReply, ViewerAge: 30, Prompt: "?", SubjectId: "session-1"));

        Assert.True(decision.Blocked);
        Assert.Equal("", decision.Text);
        Assert.Equal(["S9"], decision.Categories);
        Assert.Equal(LlamaGuardStage.BlockMessage, decision.Message);
        var entry = Assert.Single(log.Entries, e => e.Level == LogLevel.Information);
        Assert.Contains("blocked a ModelReply at stage llama-guard, categories S9, subject session-1", entry.Message);
    }

    [Fact]
    public async Task Reply_withPersonalData_isRedacted_andTheGuardSeesTheRedactedText()
    {
        var guard = ScriptedChatClient.Answering("safe");

        var decision = await Service(guard).ModerateAsync(new ModerationRequest("Call me on 415-555-0100.", ContentKind.ModelReply, ViewerAge: 30, Prompt: "hi"));

        Assert.Equal(ModerationAction.Redact, decision.Action);
        Assert.Equal("Call me on [phone number removed].", decision.Text);
        Assert.Equal([PersonalDataRedactor.Phone], decision.Categories);
        Assert.Equal("Call me on [phone number removed].", guard.Calls[0][1].Text);
    }

    [Fact]
    public async Task PlatformTopic_blocksBeforeTheGuardIsAsked()
    {
        var guard = ScriptedChatClient.Answering("safe");

        var decision = await Service(guard).ModerateAsync(new ModerationRequest("Try Sports-Betting tonight!", ContentKind.ModelReply, ViewerAge: 30));

        Assert.True(decision.Blocked);
        Assert.Equal([PolicyCategories.PlatformTopic], decision.Categories);
        Assert.Equal(PolicyStage.TopicMessage, decision.Message);
        Assert.Empty(guard.Calls);
    }

    [Fact]
    public async Task PostTopic_blocksOnlyInThatPost()
    {
        var service = Service(null);
        var text = "Let's talk about the ending of the book.";

        var inPost = await service.ModerateAsync(new ModerationRequest(text, ContentKind.ViewerMessage, 30, PostBlockedTopics: ["the ending"]));
        var elsewhere = await service.ModerateAsync(new ModerationRequest(text, ContentKind.ViewerMessage, 30));

        Assert.Equal([PolicyCategories.PostTopic], inPost.Categories);
        Assert.True(inPost.Blocked);
        Assert.Equal(ModerationAction.Allow, elsewhere.Action);
    }

    [Theory]
    [InlineData(AgeRating.Mature, 17, true)]
    [InlineData(AgeRating.Mature, null, true)]
    [InlineData(AgeRating.Mature, 18, false)]
    [InlineData(AgeRating.Teen, 12, true)]
    [InlineData(AgeRating.Teen, 13, false)]
    [InlineData(AgeRating.Everyone, null, false)]
    public async Task AgeRating_againstTheViewersAge(AgeRating rating, int? age, bool blocked)
    {
        var decision = await Service(null).ModerateAsync(new ModerationRequest("Hello there.", ContentKind.ModelReply, age, rating));

        Assert.Equal(blocked, decision.Blocked);
        if (blocked) Assert.Equal([PolicyCategories.AgeRating], decision.Categories);
    }

    [Theory]
    [InlineData(AgeRating.Everyone, 30, true)]
    [InlineData(AgeRating.Mature, 16, true)]
    [InlineData(AgeRating.Mature, 30, false)]
    public async Task MatureTerms_inReplies_blockedUnlessAdultViewerOnAMaturePost(AgeRating rating, int age, bool blocked)
    {
        var decision = await Service(null).ModerateAsync(new ModerationRequest("The smuggler snorted cocaine.", ContentKind.ModelReply, age, rating));

        Assert.Equal(blocked ? ModerationAction.Block : ModerationAction.Allow, decision.Action);
    }

    [Fact]
    public async Task MatureTerms_neverMatchInsideWords()
    {
        var decision = await Service(null).ModerateAsync(new ModerationRequest("The method of the gorehound was heroic.", ContentKind.ModelReply, 10));

        Assert.Equal(ModerationAction.Allow, decision.Action);
    }

    [Fact]
    public async Task PostProgram_withMatureThemes_mustBeRatedMature()
    {
        var service = Service(null);

        var teen = await service.ModerateAsync(new ModerationRequest("A gore-filled horror story.", ContentKind.PostProgram, Rating: AgeRating.Teen));
        var mature = await service.ModerateAsync(new ModerationRequest("A gore-filled horror story.", ContentKind.PostProgram, Rating: AgeRating.Mature));

        Assert.True(teen.Blocked);
        Assert.Contains("rate it Mature", teen.Message);
        Assert.False(mature.Blocked);
    }

    [Fact]
    public async Task ViewerMessage_personalDataIsNotRedacted()
    {
        var decision = await Service(null).ModerateAsync(new ModerationRequest("my mail is a@b.com", ContentKind.ViewerMessage, 30));

        Assert.Equal(ModerationAction.Allow, decision.Action);
        Assert.Equal("my mail is a@b.com", decision.Text);
    }

    [Fact]
    public async Task SafeReply_isAllowed_withNoCategories()
    {
        var decision = await Service(ScriptedChatClient.Answering("safe")).ModerateAsync(new ModerationRequest("Ahoy!", ContentKind.ModelReply, 30, Prompt: "hi"));

        Assert.Equal(ModerationAction.Allow, decision.Action);
        Assert.Equal("Ahoy!", decision.Text);
        Assert.Empty(decision.Categories);
        Assert.Null(decision.Message);
    }

    sealed class RecordingLogger : ILogger<ModerationService>
    {
        public List<(LogLevel Level, string Message)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((logLevel, formatter(state, exception)));
    }
}
