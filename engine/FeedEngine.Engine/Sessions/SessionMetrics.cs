using System.Diagnostics.Metrics;
using FeedEngine.Storage.Sessions;

namespace FeedEngine.Engine.Sessions;

/// <summary>Session telemetry (meter <c>FeedEngine.Engine</c>): time to first token, frames, reply outcomes, state changes.</summary>
public sealed class SessionMetrics
{
    public const string MeterName = "FeedEngine.Engine";

    readonly Histogram<double> firstToken;
    readonly Histogram<double> replyDuration;
    readonly Counter<long> frames;
    readonly Counter<long> stateApplied;
    readonly Counter<long> stateRejected;

    public SessionMetrics(IMeterFactory? meters = null)
    {
        var meter = meters?.Create(MeterName) ?? new Meter(MeterName);
        firstToken = meter.CreateHistogram<double>("feedengine.session.time_to_first_token", "s", "From a message accepted to its reply's first frame.");
        replyDuration = meter.CreateHistogram<double>("feedengine.session.reply_duration", "s", "From a message accepted to its reply stored.");
        frames = meter.CreateCounter<long>("feedengine.session.frames", "{frame}", "Token frames sent.");
        stateApplied = meter.CreateCounter<long>("feedengine.session.state_changes", "{change}", "State changes applied.");
        stateRejected = meter.CreateCounter<long>("feedengine.session.state_rejections", "{change}", "State changes refused.");
    }

    internal void FirstToken(TimeSpan elapsed) => firstToken.Record(elapsed.TotalSeconds);

    internal void Frame() => frames.Add(1);

    internal void StateChanges(int applied, int rejected)
    {
        if (applied > 0) stateApplied.Add(applied);
        if (rejected > 0) stateRejected.Add(rejected);
    }

    internal void ReplyEnded(TurnStatus status, TimeSpan elapsed) =>
        replyDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("feedengine.turn.status", status.ToString()));
}
