using System.Diagnostics.Metrics;

namespace FeedEngine.Inference.Scheduling;

/// <summary>OpenTelemetry instruments of the inference seam (meter <c>FeedEngine.Inference</c>).</summary>
public sealed class InferenceMetrics : IDisposable
{
    public const string MeterName = "FeedEngine.Inference";

    readonly Meter meter;
    readonly bool ownsMeter;

    public InferenceMetrics(IMeterFactory? meterFactory = null)
    {
        ownsMeter = meterFactory is null;
        meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        QueueWait = meter.CreateHistogram<double>("feedengine.inference.queue_wait", "s", "Time a generation waited for a slot.");
        TimeToFirstToken = meter.CreateHistogram<double>("feedengine.inference.time_to_first_token", "s", "From the request to the first streamed token, queue included.");
        TokensPerSecond = meter.CreateHistogram<double>("feedengine.inference.tokens_per_second", "{token}/s", "Output tokens per second of one generation, after its first token.");
        Tokens = meter.CreateCounter<long>("feedengine.inference.tokens", "{token}", "Output tokens generated.");
        Rejected = meter.CreateCounter<long>("feedengine.inference.rejected", "{request}", "Requests answered busy because the queue was full.");
    }

    public Meter Meter => meter;

    public Histogram<double> QueueWait { get; }

    public Histogram<double> TimeToFirstToken { get; }

    public Histogram<double> TokensPerSecond { get; }

    public Counter<long> Tokens { get; }

    public Counter<long> Rejected { get; }

    public void Dispose()
    {
        if (ownsMeter)
            meter.Dispose();
    }
}
