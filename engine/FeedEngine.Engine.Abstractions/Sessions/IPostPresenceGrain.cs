namespace FeedEngine.Engine.Abstractions.Sessions;

/// <summary>
/// How many viewers are talking to a post now ("talking now" on its card), summed over the app nodes. Each node reports
/// its own count under a lease; a node that stops reporting (it crashed) drops out when its lease ends. In memory only:
/// a lost activation is rebuilt by the nodes' next reports. Key: the post id.
/// </summary>
[Alias("feed.post.presence")]
public interface IPostPresenceGrain : IGrainWithStringKey
{
    /// <summary>This node has <paramref name="viewers"/> viewers on the post (0: none), valid for <paramref name="leaseSeconds"/>.</summary>
    [Alias("report")]
    Task ReportAsync(string nodeId, int viewers, int leaseSeconds);

    /// <summary>Viewers on the post across the nodes whose lease has not ended.</summary>
    [Alias("count")]
    Task<int> CountAsync();
}

/// <summary>Bounds the presence grain checks on what nodes report.</summary>
public static class PresenceLimits
{
    public const int MaxNodeIdLength = 100;
    public const int MaxLeaseSeconds = 3_600;
    public const int MaxNodes = 1_000;
}
