namespace FeedEngine.Storage.Posts;

/// <summary>
/// What viewers did with a post within a window, for feed ranking: feed views and opens (each once per viewer per UTC day,
/// <see cref="PostViewDocument"/>), sessions started (studio previews left out), their viewer turns, and their viewers and
/// return viewers by the rules creator analytics uses (<see cref="Sessions.ViewerActivity"/>).
/// </summary>
public sealed record PostEngagementCounts(string PostId, long Views, long Opens, int Sessions, int ViewerTurns, int Viewers, int ReturnViewers)
{
    public static PostEngagementCounts None(string postId) => new(postId, 0, 0, 0, 0, 0, 0);
}

/// <summary>Reads <see cref="PostEngagementCounts"/> for a batch of posts at once: one query per batch, never one per post.</summary>
public interface IPostEngagementReader
{
    /// <summary>The most post ids one call reads (callers chunk longer lists).</summary>
    public const int MaxPostIds = 1_000;

    /// <summary>
    /// The counts of each distinct id given (zeros for a post nobody saw or an unknown id), from views, opens and sessions
    /// at or after <paramref name="since"/>; a counted session's viewer turns count whenever they were sent. Throws
    /// <see cref="ArgumentException"/> for more than <see cref="MaxPostIds"/> ids or a blank one.
    /// </summary>
    Task<IReadOnlyDictionary<string, PostEngagementCounts>> ReadAsync(IReadOnlyCollection<string> postIds, DateTime since, CancellationToken cancellationToken = default);
}

/// <summary>Folds the rows a store read into per-post counts (shared by both stores, so they count alike).</summary>
public sealed class PostEngagementTally
{
    readonly Dictionary<string, (long Views, long Opens, int Sessions, int Turns, Sessions.ViewerActivity Activity)> posts = new(StringComparer.Ordinal);

    /// <summary>The distinct ids, checked: none blank, at most <see cref="IPostEngagementReader.MaxPostIds"/>.</summary>
    public static string[] CheckIds(IReadOnlyCollection<string> postIds)
    {
        ArgumentNullException.ThrowIfNull(postIds);
        if (postIds.Any(string.IsNullOrWhiteSpace)) throw new ArgumentException("A post id is blank.", nameof(postIds));
        var ids = postIds.Distinct(StringComparer.Ordinal).ToArray();
        if (ids.Length > IPostEngagementReader.MaxPostIds)
            throw new ArgumentException($"At most {IPostEngagementReader.MaxPostIds} post ids are read at once; {ids.Length} were given.", nameof(postIds));
        return ids;
    }

    public PostEngagementTally(IEnumerable<string> postIds)
    {
        foreach (var id in postIds) posts[id] = (0, 0, 0, 0, new Sessions.ViewerActivity());
    }

    public void AddViews(string postId, long views, long opens)
    {
        if (!posts.TryGetValue(postId, out var p)) return;
        posts[postId] = p with { Views = p.Views + views, Opens = p.Opens + opens };
    }

    /// <summary>A counted session: its owner, when it started, and when each of its viewer turns was sent.</summary>
    public void AddSession(string postId, string ownerId, DateTime startedAt, IEnumerable<DateTime> viewerTurnTimes)
    {
        if (!posts.TryGetValue(postId, out var p)) return;
        var turns = 0;
        p.Activity.Add(ownerId, startedAt);
        foreach (var at in viewerTurnTimes)
        {
            turns++;
            p.Activity.Add(ownerId, at);
        }
        posts[postId] = p with { Sessions = p.Sessions + 1, Turns = p.Turns + turns };
    }

    public IReadOnlyDictionary<string, PostEngagementCounts> Result() => posts.ToDictionary(
        p => p.Key, p => new PostEngagementCounts(p.Key, p.Value.Views, p.Value.Opens, p.Value.Sessions, p.Value.Turns, p.Value.Activity.Viewers, p.Value.Activity.ReturnViewers),
        StringComparer.Ordinal);
}
