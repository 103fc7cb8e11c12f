namespace FeedEngine.Engine.Abstractions.Sessions;

/// <summary>
/// What a viewer's talking says about their interests, for the feed's ranking: the engine tells when a viewer's own
/// messages in one session reach one of <see cref="Marks"/> (a conversation that got going, a long one), and the feed
/// moves the viewer's interests towards the post. Optional: with none registered, nothing is told. Studio previews and
/// brand conversations tell nothing.
/// </summary>
public interface IConversationSignals
{
    /// <summary>The message counts that are told, each once per session.</summary>
    static IReadOnlyList<int> Marks { get; } = [3, 10];

    /// <summary>The viewer has sent <paramref name="messages"/> messages (one of <see cref="Marks"/>) in a session on the post.</summary>
    Task TalkedAsync(string viewerId, string postId, int messages, CancellationToken cancellationToken = default);
}
