#pragma warning disable MEAI001 // Microsoft.Extensions.AI's image generation abstraction is experimental in 10.x.
using System.Diagnostics;
using System.Text.Json.Nodes;
using FeedEngine.Inference;
using FeedEngine.Inference.ImageGeneration;
using FeedEngine.Inference.TestModels;
using FeedEngine.Media;
using FeedEngine.Media.Generation;
using FeedEngine.Storage;
using FeedEngine.Storage.Posts;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FeedEngine.Bench.ImageGeneration;

/// <summary>
/// <c>imagegen [count=10] [size=512] [steps=1] [threads=1]</c>: the in-process text-to-image pipeline on the tiny generated
/// model (random weights, SD-Turbo layout) on CPU. Part 1 draws <c>count</c> pictures through <see cref="OnnxImageGenerator"/>
/// and splits each picture's time into the three model calls (text encoder, UNet, VAE decoder: ONNX Runtime's
/// <c>Run</c>) and what the pipeline adds around them (tokenizer, noise, scaling, tensor conversions, scheduler,
/// pixels, PNG). Part 2 draws scene pictures through <see cref="SceneImageService"/> on a temporary embedded store
/// (prompt, cache lookup, scheduler, generation, upload checks, labelled PNG variants, insert) and times a cache hit.
/// The tiny model's calls are cheap, so the pipeline's share here is an upper bound of its share with SD-Turbo.
/// </summary>
static class ImageGenerationBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var count = args.Length > 0 ? int.Parse(args[0]) : 10;
        var size = args.Length > 1 ? int.Parse(args[1]) : 512;
        var steps = args.Length > 2 ? int.Parse(args[2]) : 1;
        var threads = args.Length > 3 ? int.Parse(args[3]) : 1;
        var folder = Directory.CreateTempSubdirectory("feedengine-bench-imagegen-").FullName;
        try
        {
            var model = DiffusionTestModels.Ensure(Path.Combine(folder, "tiny"), DiffusionTestModelSpec.Tiny);
            var load = Stopwatch.StartNew();
            using var generator = OnnxImageGenerator.Load(model, new OnnxImageGeneratorOptions { IntraOpThreads = threads, ModelId = "tiny" });
            load.Stop();
            Console.WriteLine($"imagegen: tiny generated model ({DiffusionTestModelSpec.Tiny}), {size}x{size}, {steps} step(s), {threads} ONNX Runtime thread(s), {Environment.ProcessorCount} cores");
            Console.WriteLine($"  load            {load.Elapsed.TotalMilliseconds:0} ms (three sessions, tokenizer)");
            await PipelineAsync(generator, count, size, steps);
            await ScenesAsync(Path.Combine(folder, "data"), count, size, steps, threads);
            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    static async Task PipelineAsync(OnnxImageGenerator generator, int count, int size, int steps)
    {
        ImageGenerationOptions Options(long seed) => new()
        {
            ImageSize = new System.Drawing.Size(size, size),
            AdditionalProperties = new() { [ImageGenerationKeys.Seed] = seed, [ImageGenerationKeys.Steps] = steps },
        };
        await generator.GenerateAsync(new ImageGenerationRequest("warm-up"), Options(0)); // JIT, ONNX Runtime's first-run allocations

        var reports = new List<(double Wall, DiffusionTimings Picture, TimeSpan Png, int Bytes)>();
        for (var i = 0; i < count; i++)
        {
            var clock = Stopwatch.StartNew();
            var response = await generator.GenerateAsync(new ImageGenerationRequest($"a lighthouse in a storm, picture {i}"), Options(i + 1));
            clock.Stop();
            var report = (OnnxImageReport)response.RawRepresentation!;
            reports.Add((clock.Elapsed.TotalMilliseconds, report.Pictures[0], report.PngEncoding, ((DataContent)response.Contents[0]).Data.Length));
        }

        double Median(Func<(double Wall, DiffusionTimings Picture, TimeSpan Png, int Bytes), double> of)
        {
            var values = reports.Select(of).Order().ToList();
            return values[values.Count / 2];
        }
        var wall = Median(r => r.Wall);
        var models = Median(r => r.Picture.ModelCalls.TotalMilliseconds);
        var around = Median(r => r.Wall - r.Picture.ModelCalls.TotalMilliseconds);
        Console.WriteLine($"  per picture     median {wall:0.0} ms, min {reports.Min(r => r.Wall):0.0} ms, max {reports.Max(r => r.Wall):0.0} ms over {count} ({1000 / wall:0.0} pictures/s)");
        Console.WriteLine($"  model calls     {models:0.0} ms: text encoder {Median(r => r.Picture.TextEncoder.TotalMilliseconds):0.00}, UNet {Median(r => r.Picture.UNet.TotalMilliseconds):0.00} ({steps} call(s)), VAE decoder {Median(r => r.Picture.VaeDecoder.TotalMilliseconds):0.00}");
        Console.WriteLine($"  around them     {around:0.0} ms ({around / wall:P0} of the picture): tokenizer {Median(r => r.Picture.Tokenize.TotalMilliseconds):0.00}, " +
            $"tensors and pixels {Median(r => r.Picture.Tensors.TotalMilliseconds):0.00}, scheduler {Median(r => r.Picture.Scheduler.TotalMilliseconds):0.00}, " +
            $"PNG {Median(r => r.Png.TotalMilliseconds):0.00} ({Median(r => r.Bytes) / 1024:0} KB), the rest {Median(r => r.Wall - r.Picture.Total.TotalMilliseconds - r.Png.TotalMilliseconds):0.00}");
    }

    static async Task ScenesAsync(string data, int count, int size, int steps, int threads)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:DataDirectory"] = data,
            ["Inference:Images:Model"] = "tiny",
            ["Inference:Images:IntraOpThreads"] = threads.ToString(),
            ["Media:Generation:Steps"] = steps.ToString(),
        });
        builder.Logging.ClearProviders();
        builder.Services.AddEmbeddedStorage();
        builder.AddInference();
        builder.AddMedia();
        using var host = builder.Build();
        await host.StartAsync();
        var scenes = host.Services.GetRequiredService<SceneImageService>();
        ImageStyle[] styles = [new() { Name = "scene", Prompt = "moody oil painting, storm light", SceneVariables = ["weather"], Width = size, Height = size }];
        SceneImageRequest Request(int i) => new("bench-post", styles, null, new JsonObject { ["location"] = $"room {i}", ["weather"] = "storm" }, $"viewer-{i % 3}");

        await scenes.DrawAsync(Request(-1)); // warm-up: the model loads, the store's first write
        var drawn = new List<double>();
        for (var i = 0; i < count; i++)
        {
            var clock = Stopwatch.StartNew();
            var result = await scenes.DrawAsync(Request(i));
            drawn.Add(clock.Elapsed.TotalMilliseconds);
            if (!result.Succeeded)
                throw new InvalidOperationException(result.Message);
        }
        var hits = new List<double>();
        for (var i = 0; i < count; i++)
        {
            var clock = Stopwatch.StartNew();
            var result = await scenes.DrawAsync(Request(i));
            hits.Add(clock.Elapsed.TotalMilliseconds);
            if (!result.FromCache)
                throw new InvalidOperationException("A repeated request was drawn again.");
        }
        drawn.Sort();
        hits.Sort();
        Console.WriteLine($"  scene picture   median {drawn[drawn.Count / 2]:0.0} ms drawn and stored (prompt, cache miss, scheduler, generation, upload checks, 3 labelled PNG variants, insert)");
        Console.WriteLine($"  cache hit       median {hits[hits.Count / 2]:0.00} ms (prompt, recipe key, store lookup)");
        await host.StopAsync();
    }
}
