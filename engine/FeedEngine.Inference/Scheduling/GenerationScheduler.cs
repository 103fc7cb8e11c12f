using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace FeedEngine.Inference.Scheduling;

/// <summary>
/// Admits generations to one model: at most <see cref="MaxConcurrent"/> run at once; the rest wait in a queue that
/// serves viewers round-robin (a viewer with many requests cannot starve the others) and that answers
/// <see cref="InferenceBusyException"/> once <see cref="MaxQueue"/> are waiting, instead of growing.
/// </summary>
public sealed class GenerationScheduler
{
    static readonly TimeSpan MinRetryAfter = TimeSpan.FromSeconds(1);
    static readonly TimeSpan MaxRetryAfter = TimeSpan.FromMinutes(2);

    readonly Lock gate = new();
    readonly Dictionary<string, LinkedList<Waiter>> waitingByViewer = new(StringComparer.Ordinal);
    readonly LinkedList<string> rotation = new();
    readonly TimeProvider time;
    readonly KeyValuePair<string, object?> providerTag;
    int running;
    int queued;
    double averageServiceSeconds;

    public GenerationScheduler(string provider, int maxConcurrent, int maxQueue, TimeProvider time, InferenceMetrics metrics, TimeSpan? expectedGeneration = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConcurrent, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(maxQueue);
        Provider = provider;
        MaxConcurrent = maxConcurrent;
        MaxQueue = maxQueue;
        this.time = time;
        Metrics = metrics;
        providerTag = new("feedengine.inference.provider", provider);
        averageServiceSeconds = (expectedGeneration ?? TimeSpan.FromSeconds(10)).TotalSeconds;
        metrics.Meter.CreateObservableGauge("feedengine.inference.running", () => new Measurement<int>(Running, providerTag), "{generation}", "Generations running now.");
        metrics.Meter.CreateObservableGauge("feedengine.inference.queued", () => new Measurement<int>(Queued, providerTag), "{generation}", "Generations waiting for a slot.");
    }

    public string Provider { get; }

    public int MaxConcurrent { get; }

    public int MaxQueue { get; }

    public int Running { get { lock (gate) return running; } }

    public int Queued { get { lock (gate) return queued; } }

    internal InferenceMetrics Metrics { get; }

    internal TimeProvider Time => time;

    internal KeyValuePair<string, object?> ProviderTag => providerTag;

    /// <summary>Waits for a slot for <paramref name="viewerId"/>; dispose the lease when the generation ends.</summary>
    /// <exception cref="InferenceBusyException">The queue is full; nothing was queued.</exception>
    /// <exception cref="OperationCanceledException">Cancelled while waiting; the request left the queue.</exception>
    public ValueTask<GenerationLease> AcquireAsync(string viewerId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(viewerId);
        cancellationToken.ThrowIfCancellationRequested();
        var requested = time.GetTimestamp();
        Waiter waiter;
        lock (gate)
        {
            if (running < MaxConcurrent && queued == 0)
            {
                running++;
                return ValueTask.FromResult(Admit(requested));
            }
            if (queued >= MaxQueue)
            {
                Metrics.Rejected.Add(1, providerTag);
                throw new InferenceBusyException(RetryAfterLocked(), queued);
            }
            waiter = new Waiter(viewerId, requested);
            if (!waitingByViewer.TryGetValue(viewerId, out var line))
            {
                line = new LinkedList<Waiter>();
                waitingByViewer[viewerId] = line;
                rotation.AddLast(viewerId);
            }
            waiter.Node = line.AddLast(waiter);
            queued++;
        }
        if (cancellationToken.CanBeCanceled)
        {
            waiter.Registration = cancellationToken.UnsafeRegister(static (state, token) =>
            {
                var (scheduler, w) = ((GenerationScheduler, Waiter))state!;
                scheduler.Cancel(w, token);
            }, (this, waiter));
        }
        return new ValueTask<GenerationLease>(waiter.Completion.Task);
    }

    /// <summary>How long a caller turned away now should wait before trying again.</summary>
    public TimeSpan EstimateRetryAfter()
    {
        lock (gate)
            return RetryAfterLocked();
    }

    internal void Release(TimeSpan served)
    {
        List<(Waiter Waiter, GenerationLease Lease)>? admitted = null;
        lock (gate)
        {
            running--;
            averageServiceSeconds = 0.8 * averageServiceSeconds + 0.2 * served.TotalSeconds;
            while (running < MaxConcurrent && rotation.First is { } next)
            {
                var viewer = next.Value;
                var line = waitingByViewer[viewer];
                var waiter = line.First!.Value;
                line.RemoveFirst();
                waiter.Node = null;
                rotation.RemoveFirst();
                if (line.Count == 0)
                    waitingByViewer.Remove(viewer);
                else
                    rotation.AddLast(viewer);
                queued--;
                running++;
                (admitted ??= []).Add((waiter, Admit(waiter.Requested)));
            }
        }
        if (admitted is null)
            return;
        foreach (var (waiter, lease) in admitted)
        {
            waiter.Registration.Dispose();
            waiter.Completion.TrySetResult(lease);
        }
    }

    void Cancel(Waiter waiter, CancellationToken token)
    {
        lock (gate)
        {
            if (waiter.Node is null)
                return;
            var line = waitingByViewer[waiter.ViewerId];
            line.Remove(waiter.Node);
            waiter.Node = null;
            if (line.Count == 0)
            {
                waitingByViewer.Remove(waiter.ViewerId);
                rotation.Remove(waiter.ViewerId);
            }
            queued--;
        }
        waiter.Completion.TrySetCanceled(token);
    }

    GenerationLease Admit(long requested)
    {
        var admitted = time.GetTimestamp();
        var wait = time.GetElapsedTime(requested, admitted);
        Metrics.QueueWait.Record(wait.TotalSeconds, providerTag);
        return new GenerationLease(this, requested, admitted, wait);
    }

    TimeSpan RetryAfterLocked()
    {
        var seconds = averageServiceSeconds * (queued + 1) / MaxConcurrent;
        return TimeSpan.FromSeconds(Math.Clamp(seconds, MinRetryAfter.TotalSeconds, MaxRetryAfter.TotalSeconds));
    }

    [DebuggerDisplay("{ViewerId}")]
    sealed class Waiter(string viewerId, long requested)
    {
        public string ViewerId { get; } = viewerId;
        public long Requested { get; } = requested;
        public TaskCompletionSource<GenerationLease> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public LinkedListNode<Waiter>? Node { get; set; }
        public CancellationTokenRegistration Registration { get; set; }
    }
}
