using FeedEngine.Safety.PersonalData;
using FeedEngine.Storage.Posts;
using Microsoft.Extensions.Options;

namespace FeedEngine.Safety.Moderation;

/// <summary>
/// The always-on rules: the platform's and the post's blocked topics, age rating against the viewer's age, mature
/// terms where the audience may be under 18, and personal data redacted from model output.
/// </summary>
public sealed class PolicyStage(IOptions<SafetyOptions> options) : IModerationStage
{
    public const string TopicMessage = "Let's steer away from that topic; it isn't something this post can talk about.";
    public const string MatureMessage = "That isn't something this post can show here. Let's keep it suitable for everyone in the conversation.";

    readonly PhraseMatcher platformTopics = new(options.Value.BlockedTopics);
    readonly PhraseMatcher matureTerms = new(options.Value.MatureTerms);

    public string Name => "policy";

    public ValueTask<StageVerdict> EvaluateAsync(ModerationRequest request, CancellationToken cancellationToken) => ValueTask.FromResult(Evaluate(request));

    public StageVerdict Evaluate(ModerationRequest request)
    {
        if (request.Kind is ContentKind.ViewerMessage or ContentKind.ModelReply or ContentKind.SponsoredReply
            && MinimumAge(request.Rating) is var minimum && (request.ViewerAge ?? 0) < minimum)
            return Block(PolicyCategories.AgeRating, $"This post is for viewers {minimum} and older.");

        if (platformTopics.Find(request.Text).Count > 0) return Block(PolicyCategories.PlatformTopic, TopicMessage);
        if (request.PostBlockedTopics is { Count: > 0 } postTopics && new PhraseMatcher(postTopics).Find(request.Text).Count > 0)
            return Block(PolicyCategories.PostTopic, TopicMessage);

        if (AudienceMayBeMinor(request) && request.Kind != ContentKind.ViewerMessage && matureTerms.Find(request.Text).Count > 0)
            return Block(PolicyCategories.MatureContent, request.Kind == ContentKind.PostProgram
                ? "This post uses mature themes: rate it Mature or change the text."
                : MatureMessage);

        if (request.Kind is ContentKind.ModelReply or ContentKind.SponsoredReply)
        {
            var (redacted, found) = PersonalDataRedactor.Redact(request.Text);
            if (found.Count > 0) return new StageVerdict(ModerationAction.Redact, found, redacted);
        }
        return StageVerdict.Allow;
    }

    /// <summary>Ads and posts rated below mature may reach minors; so may any reply to a viewer not known to be 18.</summary>
    static bool AudienceMayBeMinor(ModerationRequest request) => request.Kind switch
    {
        ContentKind.AdCreative => true,
        ContentKind.PostProgram => request.Rating < AgeRating.Mature,
        _ => request.Rating < AgeRating.Mature || (request.ViewerAge ?? 0) < 18,
    };

    public static int MinimumAge(AgeRating rating) => rating switch
    {
        AgeRating.Mature => 18,
        AgeRating.Teen => 13,
        _ => 0,
    };

    static StageVerdict Block(string category, string message) => new(ModerationAction.Block, [category], null, message);
}
