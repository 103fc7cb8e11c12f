using System.ComponentModel.DataAnnotations;
using System.Threading.Channels;
using FeedEngine.Engine.Abstractions.Sessions;
using Microsoft.Extensions.Options;

namespace FeedEngine.Web.Sessions;

public sealed class TalkingNowOptions
{
    public const string SectionName = "TalkingNow";

    /// <summary>How long a node's report counts; nodes renew at a third of it, so a crashed node drops out after this.</summary>
    [Range(3, PresenceLimits.MaxLeaseSeconds)]
    public int LeaseSeconds { get; set; } = 60;

    /// <summary>A connection with no hub call for this long stops counting (a tab left open), until its next call.</summary>
    [Range(1, 24 * 60)]
    public int IdleMinutes { get; set; } = 15;
}

/// <summary>
/// This node's viewers per post, for the "talking now" counter: a connection is on a post once it opened a session there
/// (start, new or join), until it disconnects, opens another, or goes idle. Distinct viewers per post are reported to
/// the post's <see cref="IPostPresenceGrain"/> in the background (<see cref="TalkingNowReporter"/>), never on the hub's path.
/// </summary>
public sealed class TalkingNowTracker(IGrainFactory grains, IOptions<TalkingNowOptions> options, TimeProvider time, ILogger<TalkingNowTracker> logger)
{
    readonly Lock gate = new();
    readonly Dictionary<string, Presence> connections = new(StringComparer.Ordinal);
    readonly HashSet<string> pending = new(StringComparer.Ordinal);
    readonly Channel<string> changed = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>This process among the nodes (unique per start, so a restarted node never inherits a dead one's lease).</summary>
    public string NodeId { get; } = $"{Environment.MachineName[..Math.Min(40, Environment.MachineName.Length)]}-{Guid.NewGuid():n}";

    sealed record Presence(string PostId, string ViewerId)
    {
        public long LastSeen { get; set; }
        public bool Idle { get; set; }
    }

    public void Enter(string connectionId, string viewerId, string postId)
    {
        lock (gate)
        {
            if (connections.TryGetValue(connectionId, out var was)) Changed(was.PostId);
            connections[connectionId] = new Presence(postId, viewerId) { LastSeen = time.GetTimestamp() };
            Changed(postId);
        }
    }

    public void Leave(string connectionId)
    {
        lock (gate)
        {
            if (connections.Remove(connectionId, out var was)) Changed(was.PostId);
        }
    }

    /// <summary>A hub call on the connection: it is not idle (and counts again if it was).</summary>
    public void Touch(string connectionId)
    {
        lock (gate)
        {
            if (!connections.TryGetValue(connectionId, out var presence)) return;
            presence.LastSeen = time.GetTimestamp();
            if (!presence.Idle) return;
            presence.Idle = false;
            Changed(presence.PostId);
        }
    }

    /// <summary>Distinct viewers on the post on this node, idle connections left out.</summary>
    public int LocalCount(string postId)
    {
        lock (gate) return connections.Values.Where(p => !p.Idle && p.PostId == postId).Select(p => p.ViewerId).Distinct(StringComparer.Ordinal).Count();
    }

    /// <summary>The counts across the cluster for the feed's items; a post whose count cannot be read shows none.</summary>
    public async Task<IReadOnlyDictionary<string, int>> CountsAsync(IEnumerable<string> postIds)
    {
        var counts = await Task.WhenAll(postIds.Distinct(StringComparer.Ordinal).Select(async id => (id, count: await CountAsync(id))));
        return counts.ToDictionary(c => c.id, c => c.count, StringComparer.Ordinal);
    }

    async Task<int> CountAsync(string postId)
    {
        try
        {
            return await grains.GetGrain<IPostPresenceGrain>(postId).CountAsync();
        }
        catch (Exception e) when (e is OrleansException or TimeoutException)
        {
            TalkingNowLog.ReadFailed(logger, postId, e.Message);
            return 0;
        }
    }

    /// <summary>Marks connections idle that made no call for <see cref="TalkingNowOptions.IdleMinutes"/>, and queues every post with viewers for a lease renewal.</summary>
    public void Sweep()
    {
        var idleAfter = TimeSpan.FromMinutes(options.Value.IdleMinutes);
        lock (gate)
        {
            foreach (var presence in connections.Values)
            {
                if (!presence.Idle && time.GetElapsedTime(presence.LastSeen) >= idleAfter)
                {
                    presence.Idle = true;
                    Changed(presence.PostId);
                }
            }
            foreach (var postId in connections.Values.Where(p => !p.Idle).Select(p => p.PostId).Distinct(StringComparer.Ordinal)) Changed(postId);
        }
    }

    /// <summary>Reports changed posts as they come (each report carries the count at the moment it is sent), until stopped.</summary>
    public async Task ReportChangesAsync(CancellationToken cancellationToken)
    {
        await foreach (var postId in changed.Reader.ReadAllAsync(cancellationToken))
        {
            lock (gate) pending.Remove(postId);
            var viewers = LocalCount(postId);
            try
            {
                await grains.GetGrain<IPostPresenceGrain>(postId).ReportAsync(NodeId, viewers, options.Value.LeaseSeconds);
            }
            catch (Exception e) when (e is OrleansException or TimeoutException)
            {
                // The next renewal (a third of the lease) reports again.
                TalkingNowLog.ReportFailed(logger, postId, e.Message);
            }
        }
    }

    void Changed(string postId)
    {
        if (pending.Add(postId)) changed.Writer.TryWrite(postId);
    }
}

/// <summary>Runs the tracker's reports, and renews this node's leases at a third of their length (dropping idle connections).</summary>
public sealed class TalkingNowReporter(TalkingNowTracker tracker, IOptions<TalkingNowOptions> options, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reporting = tracker.ReportChangesAsync(stoppingToken);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, options.Value.LeaseSeconds / 3)), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken)) tracker.Sweep();
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        await reporting.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }
}

static partial class TalkingNowLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Talking-now count of post {PostId} could not be read: {Reason}")]
    public static partial void ReadFailed(ILogger logger, string postId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Talking-now report for post {PostId} failed: {Reason}")]
    public static partial void ReportFailed(ILogger logger, string postId, string reason);
}
