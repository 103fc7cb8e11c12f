using FeedEngine.Engine.Abstractions.Sessions;

namespace FeedEngine.Engine.Posts;

/// <summary>The "talking now" count of one post: each node's last report, kept until its lease ends (see <see cref="IPostPresenceGrain"/>).</summary>
internal sealed class PostPresenceGrain(TimeProvider time) : Grain, IPostPresenceGrain
{
    readonly PresenceTable table = new();

    public Task ReportAsync(string nodeId, int viewers, int leaseSeconds)
    {
        table.Report(nodeId, viewers, leaseSeconds, time.GetUtcNow());
        return Task.CompletedTask;
    }

    public Task<int> CountAsync() => Task.FromResult(table.Count(time.GetUtcNow()));
}

/// <summary>Each node's viewers on one post with the end of its lease; a node that stops renewing drops out.</summary>
internal sealed class PresenceTable
{
    readonly Dictionary<string, (int Viewers, DateTimeOffset Until)> nodes = new(StringComparer.Ordinal);

    /// <summary>Records a node's report (0 viewers removes it). Reports that break the contract throw and change nothing.</summary>
    public void Report(string nodeId, int viewers, int leaseSeconds, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(nodeId) || nodeId.Length > PresenceLimits.MaxNodeIdLength)
            throw new ArgumentException($"A node id has 1 to {PresenceLimits.MaxNodeIdLength} characters.", nameof(nodeId));
        ArgumentOutOfRangeException.ThrowIfNegative(viewers);
        ArgumentOutOfRangeException.ThrowIfLessThan(leaseSeconds, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(leaseSeconds, PresenceLimits.MaxLeaseSeconds);
        Prune(now);
        if (viewers == 0)
        {
            nodes.Remove(nodeId);
            return;
        }
        if (!nodes.ContainsKey(nodeId) && nodes.Count >= PresenceLimits.MaxNodes)
            throw new ArgumentException($"More than {PresenceLimits.MaxNodes} nodes report presence on one post.", nameof(nodeId));
        nodes[nodeId] = (viewers, now.AddSeconds(leaseSeconds));
    }

    /// <summary>Viewers over the nodes whose lease runs past <paramref name="now"/>.</summary>
    public int Count(DateTimeOffset now)
    {
        Prune(now);
        return nodes.Values.Sum(n => n.Viewers);
    }

    void Prune(DateTimeOffset now)
    {
        foreach (var (node, entry) in nodes.ToList())
            if (entry.Until <= now) nodes.Remove(node);
    }
}
