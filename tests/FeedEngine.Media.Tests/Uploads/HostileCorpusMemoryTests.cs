using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;

namespace FeedEngine.Media.Tests.Uploads;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryMeasurement
{
    public const string Name = "memory measurement (runs alone)";
}

/// <summary>Memory while hostile files arrive. Runs alone, so the process's numbers are this test's.</summary>
[Collection(MemoryMeasurement.Name)]
public sealed class HostileCorpusMemoryTests(ITestOutputHelper output)
{
    const long Megabyte = 1024 * 1024;

    [Fact]
    public async Task Hostile_corpus_over_http_keeps_memory_bounded_and_the_server_up()
    {
        var generating = Stopwatch.StartNew();
        var corpus = HostileCorpus.All;
        var textBomb = HostileCorpus.PngWithTextBomb(256 * Megabyte);
        output.WriteLine($"corpus generated in {generating.Elapsed.TotalSeconds:0.0} s: {corpus.Count} refused files and a {textBomb.Length / 1024} KB PNG whose text inflates to 256 MB");

        await using var host = await MediaHost.StartAsync(("UploadsPerMinute", "1000"));
        Assert.Equal(HttpStatusCode.OK, (await host.UploadAsync(TestImages.Jpeg(1200, 900, seed: 41), "warm-up")).StatusCode);

        using var sampler = MemorySampler.Start();
        foreach (var file in corpus)
        {
            await using var content = file.Open();
            var answer = await RawUpload.PostAsync(host.Client.BaseAddress!, "attacker", file.FileName, file.DeclaredType, content, file.Length);
            Assert.True(file.Status == answer.Status, $"{file.Name}: expected {file.Status}, got {answer.Status}");
        }
        await using (var fifty = HostileCorpus.Named("fifty-megabytes").Open()) // again, streamed with no declared length: read up to the limit
            Assert.Equal(413, (await RawUpload.PostAsync(host.Client.BaseAddress!, "attacker", "huge.jpg", "image/jpeg", fifty, fileLength: null)).Status);
        using (var accepted = await host.UploadAsync(new ByteArrayContent(textBomb), "text-bomb.png", "image/png", "attacker"))
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        var measured = sampler.Stop();

        output.WriteLine($"hostile corpus over HTTP: {measured}");
        Assert.True(sampler.PeakWorkingSetGrowth < 256 * Megabyte, measured); // decoding the 20,000 x 20,000 bomb alone would take 400 MB
        Assert.Equal(2, host.StoredImageCount); // the warm-up and the text bomb's 1x1 picture; no refused file
        Assert.Equal(HttpStatusCode.OK, (await host.UploadAsync(TestImages.Png(300, 200, seed: 42), "after")).StatusCode);
    }

    [Fact]
    public async Task UploadAsync_png_with_a_text_bomb_is_stored_without_inflating_the_text()
    {
        var textBomb = HostileCorpus.PngWithTextBomb(256 * Megabyte);
        using var store = UploadStore.Start();
        await store.UploadAsync(TestImages.Png(16, 16)); // warm up

        using var sampler = MemorySampler.Start();
        var result = await store.UploadAsync(textBomb);
        var measured = sampler.Stop();

        output.WriteLine($"zTXt bomb ({textBomb.Length / 1024} KB inflating to 256 MB): {measured}");
        Assert.True(result.Succeeded, result.Failure?.Message);
        Assert.All(result.Image!.Variants, v => Assert.Equal((1, 1), (v.Width, v.Height)));
        Assert.True(sampler.Allocated < 64 * Megabyte, measured); // inflating the text would allocate over 256 MB
    }
}
