namespace FeedEngine.Engine.Abstractions.Sessions;

/// <summary>
/// The moderation categories of one stored turn (Llama Guard's <c>S1</c>..<c>S14</c>, policy codes such as
/// <c>topic.platform</c> or <c>age.mature</c>, filter codes such as <c>leak.canary</c> or <c>pii.phone</c>): the
/// ad selector reads them for brand safety. A reply turn carries its own categories and those of the message it answers.
/// </summary>
[GenerateSerializer, Immutable, Alias("feed.TurnModeration")]
public sealed record TurnModeration
{
    [Id(0)] public long TurnSeq { get; init; }
    [Id(1)] public string[] Categories { get; init; } = [];
}
