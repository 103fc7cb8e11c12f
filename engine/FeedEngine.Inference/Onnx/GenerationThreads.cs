namespace FeedEngine.Inference.Onnx;

/// <summary>
/// Long-lived threads for token loops. A generation blocks its thread in native code from prompt to last token, which
/// must not tie up the thread pool; a new thread per generation would cost its start-up on every first token. An idle
/// worker takes the next loop at once; one idle for <see cref="IdleTimeout"/> ends.
/// </summary>
internal static class GenerationThreads
{
    static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(60);
    static readonly Lock Gate = new();
    static readonly List<Worker> Idle = [];
    static int started;

    /// <summary>Runs <paramref name="loop"/> on a generation thread; the task ends when it returns (it must not throw).</summary>
    public static Task Run(Action loop)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var work = new Work(loop, done);
        lock (Gate)
        {
            if (Idle.Count > 0)
            {
                var worker = Idle[^1];
                Idle.RemoveAt(Idle.Count - 1);
                worker.Assign(work);
                return done.Task;
            }
        }
        var thread = new Thread(new Worker(work).Run)
        {
            IsBackground = true,
            Name = $"FeedEngine generation {Interlocked.Increment(ref started)}",
        };
        thread.Start();
        return done.Task;
    }

    sealed record Work(Action Loop, TaskCompletionSource Done);

    sealed class Worker(Work first)
    {
        readonly SemaphoreSlim signal = new(0, 1);
        Work? next = first;

        public void Assign(Work work)
        {
            next = work;
            signal.Release();
        }

        public void Run()
        {
            while (next is { } work)
            {
                next = null;
                try
                {
                    work.Loop();
                    work.Done.TrySetResult();
                }
                catch (Exception e)
                {
                    // The thread outlives the loop: the error belongs to whoever awaits it.
                    work.Done.TrySetException(e);
                }
                lock (Gate)
                    Idle.Add(this);
                if (!signal.Wait(IdleTimeout))
                {
                    lock (Gate)
                    {
                        if (Idle.Remove(this))
                            return;
                    }
                    // Handed work just as the wait ended: take it.
                    signal.Wait();
                }
            }
        }
    }
}
