using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using FeedEngine.Inference.Scheduling;

namespace FeedEngine.Inference.Tests.Scheduling;

/// <summary>Collects the measurements of one <see cref="InferenceMetrics"/> instance.</summary>
public sealed class MetricsRecorder : IDisposable
{
    readonly MeterListener listener = new();

    public MetricsRecorder(InferenceMetrics metrics)
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter == metrics.Meter)
                l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<double>((instrument, value, _, _) => Values.GetOrAdd(instrument.Name, _ => []).Add(value));
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => Values.GetOrAdd(instrument.Name, _ => []).Add(value));
        listener.SetMeasurementEventCallback<int>((instrument, value, _, _) => Values.GetOrAdd(instrument.Name, _ => []).Add(value));
        listener.Start();
    }

    public ConcurrentDictionary<string, ConcurrentBag<double>> Values { get; } = new();

    public IReadOnlyCollection<double> Of(string name) => Values.TryGetValue(name, out var values) ? values : [];

    public void Observe() => listener.RecordObservableInstruments();

    public void Dispose() => listener.Dispose();
}
