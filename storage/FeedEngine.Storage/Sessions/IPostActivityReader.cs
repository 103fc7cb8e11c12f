namespace FeedEngine.Storage.Sessions;

/// <summary>Reads a post's stored sessions and their turns for creator analytics (read-only, newest sessions first).</summary>
public interface IPostActivityReader
{
    /// <summary>The post's sessions, studio previews included (callers filter on <see cref="SessionDocument.Preview"/>), newest first.</summary>
    Task<IReadOnlyList<SessionDocument>> ListSessionsByPostAsync(string postId, int limit, CancellationToken cancellationToken = default);

    /// <summary>The turns of the given sessions, ordered by session then turn number.</summary>
    Task<IReadOnlyList<TurnDocument>> ListTurnsAsync(IReadOnlyCollection<string> sessionIds, CancellationToken cancellationToken = default);
}
