using System.Diagnostics;

namespace FeedEngine.Media.Tests.Uploads;

/// <summary>Samples the process's working set and managed heap every few milliseconds and keeps the peaks.</summary>
sealed class MemorySampler : IDisposable
{
    readonly CancellationTokenSource stop = new();
    readonly Task sampling;
    readonly long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);

    MemorySampler()
    {
        BaselineWorkingSet = Environment.WorkingSet;
        BaselineManagedHeap = GC.GetTotalMemory(forceFullCollection: false);
        PeakWorkingSet = BaselineWorkingSet;
        PeakManagedHeap = BaselineManagedHeap;
        sampling = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                Sample();
                await Task.Delay(5);
            }
        });
    }

    public long BaselineWorkingSet { get; }
    public long BaselineManagedHeap { get; }
    public long PeakWorkingSet { get; private set; }
    public long PeakManagedHeap { get; private set; }
    public long Allocated { get; private set; }

    public long PeakWorkingSetGrowth => PeakWorkingSet - BaselineWorkingSet;

    public static MemorySampler Start()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return new MemorySampler();
    }

    void Sample()
    {
        PeakWorkingSet = Math.Max(PeakWorkingSet, Environment.WorkingSet);
        PeakManagedHeap = Math.Max(PeakManagedHeap, GC.GetTotalMemory(forceFullCollection: false));
    }

    public string Stop()
    {
        stop.Cancel();
        sampling.Wait();
        Sample();
        Allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        using var process = Process.GetCurrentProcess();
        return $"working set {Mb(BaselineWorkingSet)} -> peak {Mb(PeakWorkingSet)} (+{Mb(PeakWorkingSetGrowth)}); " +
               $"managed heap {Mb(BaselineManagedHeap)} -> peak {Mb(PeakManagedHeap)}; allocated {Mb(Allocated)}; " +
               $"process peak working set (whole test run so far) {Mb(process.PeakWorkingSet64)}";
    }

    static string Mb(long bytes) => $"{bytes / 1024d / 1024d:0.0} MB";

    public void Dispose()
    {
        if (!stop.IsCancellationRequested) Stop();
        stop.Dispose();
    }
}
