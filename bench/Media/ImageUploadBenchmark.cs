using System.Diagnostics;
using FeedEngine.Media;
using FeedEngine.Media.Uploads;
using FeedEngine.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.PixelFormats;

namespace FeedEngine.Bench.Media;

/// <summary>
/// <c>images [count] [parallel] [webp|jpeg]</c>: 12-megapixel JPEGs (4000 x 3000, a gradient with sensor-like noise, as a phone
/// writes them) through <see cref="ImageUploadService"/> on a temporary embedded store. Prints images per second,
/// latency and peak memory. The JPEGs are generated first and read from disk, so they do not count as upload memory.
/// </summary>
static class ImageUploadBenchmark
{
    const int Width = 4000, Height = 3000;

    public static async Task<int> RunAsync(string[] args)
    {
        var count = args.Length > 0 ? int.Parse(args[0]) : 20;
        var parallel = args.Length > 1 ? int.Parse(args[1]) : 1;
        var output = args.Length > 2 ? Enum.Parse<ImageOutputFormat>(args[2], ignoreCase: true) : ImageOutputFormat.WebP;
        var folder = Path.Combine(Path.GetTempPath(), "feedengine-bench-images", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var files = Generate(folder, count + 1);
            using var host = StartStore(Path.Combine(folder, "data"), parallel, output);
            var uploads = host.Services.GetRequiredService<ImageUploadService>();

            await UploadAsync(uploads, files[0]); // warm-up: JIT, pools, the store's first write
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            var gen2Before = GC.CollectionCount(2);
            using var sampler = PeakSampler.Start();
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            var latencies = new List<double>();
            var stored = 0L;
            var clock = Stopwatch.StartNew();
            await Parallel.ForEachAsync(files.Skip(1), new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (file, _) =>
            {
                var one = Stopwatch.StartNew();
                var bytes = await UploadAsync(uploads, file);
                lock (latencies)
                {
                    latencies.Add(one.Elapsed.TotalMilliseconds);
                    stored += bytes;
                }
            });
            clock.Stop();
            sampler.Stop();

            latencies.Sort();
            var gc = GC.GetGCMemoryInfo();
            using var process = Process.GetCurrentProcess();
            Console.WriteLine($"images: {count} uploads of {Width}x{Height} JPEG ({files.Skip(1).Average(f => new FileInfo(f).Length) / 1024 / 1024:0.0} MB on average), {parallel} at once, {Environment.ProcessorCount} cores, output {output}");
            Console.WriteLine($"  throughput      {count / clock.Elapsed.TotalSeconds:0.00} images/s ({clock.Elapsed.TotalSeconds:0.0} s)");
            Console.WriteLine($"  latency         p50 {Percentile(latencies, 0.50):0} ms, p95 {Percentile(latencies, 0.95):0} ms, max {latencies[^1]:0} ms");
            Console.WriteLine($"  stored          {stored / count / 1024} KB per image (thumbnail + card + full)");
            Console.WriteLine($"  working set     {Mb(sampler.Baseline)} before, peak {Mb(sampler.Peak)} during uploads (+{Mb(sampler.Peak - sampler.Baseline)})");
            Console.WriteLine($"  process peak    {Mb(process.PeakWorkingSet64)} (Process.PeakWorkingSet64, includes generating the JPEGs)");
            Console.WriteLine($"  managed heap    peak {Mb(sampler.PeakManaged)}; allocated {Mb(GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore)} ({Mb((GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / count)} per image)");
            Console.WriteLine($"  GC              {GC.CollectionCount(2) - gen2Before} gen2 collections, heap {Mb(gc.HeapSizeBytes)}, committed {Mb(gc.TotalCommittedBytes)}, pause {gc.PauseTimePercentage:0.0}%");
            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    static async Task<long> UploadAsync(ImageUploadService uploads, string file)
    {
        await using var stream = File.OpenRead(file);
        var result = await uploads.UploadAsync(stream, "bench");
        if (!result.Succeeded) throw new InvalidOperationException($"{file}: {result.Failure.Message}");
        return result.Image.Variants.Sum(v => v.Length);
    }

    static IHost StartStore(string dataDirectory, int parallel, ImageOutputFormat output)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration["Media:MaxConcurrentDecodes"] = Math.Max(parallel, 2).ToString();
        builder.Configuration["Media:OutputFormat"] = output.ToString();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.Configure<StorageOptions>(o => o.DataDirectory = dataDirectory);
        builder.Services.AddEmbeddedStorage();
        builder.AddMedia();
        var host = builder.Build();
        host.Start();
        return host;
    }

    /// <summary>Distinct photos: a gradient under per-pixel noise (xorshift), saved as quality-90 JPEGs.</summary>
    static List<string> Generate(string folder, int count)
    {
        var clock = Stopwatch.StartNew();
        var files = new List<string>();
        for (var i = 0; i < count; i++)
        {
            using var image = new Image<Rgb24>(Width, Height);
            var state = (uint)(i * 2654435761u) | 1u;
            image.ProcessPixelRows(rows =>
            {
                for (var y = 0; y < rows.Height; y++)
                {
                    var row = rows.GetRowSpan(y);
                    for (var x = 0; x < row.Length; x++)
                    {
                        state ^= state << 13;
                        state ^= state >> 17;
                        state ^= state << 5;
                        var noise = (int)(state & 31) - 16;
                        row[x] = new Rgb24(
                            (byte)Math.Clamp(x * 255 / Width + noise, 0, 255),
                            (byte)Math.Clamp(y * 255 / Height + noise, 0, 255),
                            (byte)Math.Clamp((x + y + i * 97) % 256 + noise, 0, 255));
                    }
                }
            });
            var path = Path.Combine(folder, $"photo-{i}.jpg");
            image.SaveAsJpeg(path, new JpegEncoder { Quality = 90 });
            files.Add(path);
        }
        Console.WriteLine($"generated {count} JPEGs of {Width}x{Height} in {clock.Elapsed.TotalSeconds:0.0} s");
        return files;
    }

    static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    static string Mb(long bytes) => $"{bytes / 1024d / 1024d:0} MB";

    /// <summary>Samples the working set and managed heap every 5 ms.</summary>
    sealed class PeakSampler : IDisposable
    {
        readonly CancellationTokenSource stop = new();
        Task sampling = Task.CompletedTask;

        public long Baseline { get; private init; }
        public long Peak { get; private set; }
        public long PeakManaged { get; private set; }

        public static PeakSampler Start()
        {
            var sampler = new PeakSampler { Baseline = Environment.WorkingSet };
            sampler.sampling = Task.Run(async () =>
            {
                while (!sampler.stop.IsCancellationRequested)
                {
                    sampler.Sample();
                    await Task.Delay(5);
                }
            });
            return sampler;
        }

        void Sample()
        {
            Peak = Math.Max(Peak, Environment.WorkingSet);
            PeakManaged = Math.Max(PeakManaged, GC.GetTotalMemory(forceFullCollection: false));
        }

        public void Stop()
        {
            stop.Cancel();
            sampling.Wait();
            Sample();
        }

        public void Dispose()
        {
            if (!stop.IsCancellationRequested) Stop();
            stop.Dispose();
        }
    }
}
