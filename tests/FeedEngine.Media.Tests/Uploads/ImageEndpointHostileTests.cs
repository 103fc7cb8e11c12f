using System.Net;
using System.Text.Json;

namespace FeedEngine.Media.Tests.Uploads;

public sealed class ImageEndpointHostileTests : IAsyncLifetime
{
    MediaHost host = null!;

    public async Task InitializeAsync() => host = await MediaHost.StartAsync(("UploadsPerMinute", "1000"));

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Theory]
    [MemberData(nameof(HostileCorpus.Names), MemberType = typeof(HostileCorpus))]
    public async Task Post_hostile_file_is_refused_with_a_problem_and_nothing_is_stored(string name)
    {
        var file = HostileCorpus.Named(name);

        await using var content = file.Open();
        var answer = file.Length > 16 * 1024 * 1024
            ? await RawUpload.PostAsync(host.Client.BaseAddress!, "attacker", file.FileName, file.DeclaredType, content, file.Length) // HttpClient fails its send when refused early
            : await PostAsync(file, content);

        Assert.Equal(file.Status, answer.Status);
        Assert.StartsWith("application/problem+json", answer.ContentType);
        Assert.Equal(file.Status, answer.Problem?.GetProperty("status").GetInt32());
        Assert.Contains(file.MessageFragment, answer.Problem?.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, host.StoredImageCount);
        Assert.Equal(0, host.StoredFolderCount);
    }

    [Fact]
    public async Task Post_declaring_fifty_megabytes_with_expect_continue_is_refused_before_the_body_is_sent()
    {
        var file = HostileCorpus.Named("fifty-megabytes");
        var sent = new CountingStream(file.Open());

        var answer = await RawUpload.PostAsync(host.Client.BaseAddress!, "attacker", file.FileName, file.DeclaredType, sent, file.Length, expectContinue: true);

        Assert.Equal(413, answer.Status);
        Assert.Equal(0, sent.BytesRead);
    }

    async Task<RawUpload.Answer> PostAsync(HostileFile file, Stream content)
    {
        using var response = await host.UploadAsync(new StreamContent(content), file.FileName, file.DeclaredType, user: "attacker");
        var body = await response.Content.ReadAsStringAsync();
        return new RawUpload.Answer((int)response.StatusCode, response.Content.Headers.ContentType?.ToString() ?? "",
            body.Length > 0 ? JsonDocument.Parse(body).RootElement : null);
    }
}
