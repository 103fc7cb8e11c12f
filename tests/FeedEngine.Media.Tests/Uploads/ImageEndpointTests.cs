using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using SixLabors.ImageSharp;

namespace FeedEngine.Media.Tests.Uploads;

public sealed class ImageEndpointTests : IAsyncLifetime
{
    MediaHost host = null!;

    public async Task InitializeAsync() => host = await MediaHost.StartAsync(("UploadsPerMinute", "1000"));

    public async Task DisposeAsync() => await host.DisposeAsync();

    sealed record UploadBody(string ImageId, string Url, VariantsBody Variants);

    sealed record VariantsBody(string Thumbnail, string Card, string Full);

    [Fact]
    public async Task Post_phone_photo_returns_urls_and_serves_stripped_variants_publicly()
    {
        var response = await host.UploadAsync(TestImages.Jpeg(2000, 1500, exif: TestImages.PhoneExif()), user: "viewer-photo");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"imageId\":", json); // camelCase on the wire
        var body = (await response.Content.ReadFromJsonAsync<UploadBody>())!;
        Assert.Equal(22, body.ImageId.Length);
        Assert.Equal($"/images/{body.ImageId}/full", body.Url);
        Assert.Equal(body.Url, body.Variants.Full);
        Assert.Equal($"/images/{body.ImageId}/card", body.Variants.Card);
        Assert.Equal($"/images/{body.ImageId}/thumbnail", body.Variants.Thumbnail);

        foreach (var (url, size) in new[] { (body.Variants.Full, (1600, 1200)), (body.Variants.Card, (640, 480)), (body.Variants.Thumbnail, (160, 120)) })
        {
            using var served = await host.Client.GetAsync(url); // no X-Test-User: anonymous, as a feed <img> is
            Assert.Equal(HttpStatusCode.OK, served.StatusCode);
            Assert.Equal("image/webp", served.Content.Headers.ContentType?.MediaType);
            Assert.Equal("nosniff", Assert.Single(served.Headers.GetValues("X-Content-Type-Options")));
            Assert.True(served.Headers.CacheControl is { Public: true, MaxAge.TotalSeconds: 31_536_000 }, $"Cache-Control: {served.Headers.CacheControl}");
            Assert.Contains("immutable", served.Headers.CacheControl!.Extensions.Select(e => e.Name));
            Assert.NotNull(served.Headers.ETag);
            var bytes = await served.Content.ReadAsByteArrayAsync();
            Assert.Equal(bytes.Length, served.Content.Headers.ContentLength);
            using var image = Image.Load(bytes);
            Assert.Equal(size, (image.Width, image.Height));
            Assert.Null(image.Metadata.ExifProfile);
        }
    }

    [Fact]
    public async Task Get_with_the_etag_is_not_modified()
    {
        var body = await UploadOkAsync(TestImages.Png(300, 300, seed: 21));
        using var first = await host.Client.GetAsync(body.Variants.Card);

        var conditional = new HttpRequestMessage(HttpMethod.Get, body.Variants.Card);
        conditional.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        using var second = await host.Client.SendAsync(conditional);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
    }

    [Fact]
    public async Task Post_same_image_twice_returns_the_same_id()
    {
        var picture = TestImages.Jpeg(900, 600, seed: 22);

        var first = await UploadOkAsync(picture, "viewer-a");
        var second = await UploadOkAsync(picture, "viewer-b");

        Assert.Equal(first.ImageId, second.ImageId);
    }

    [Theory]
    [InlineData("/images/AAAAAAAAAAAAAAAAAAAAAA/full")]
    [InlineData("/images/..%2F..%2Ffeedengine.db/full")]
    [InlineData("/images/..%2F../full")]
    [InlineData("/images/%2E%2E/full")]
    [InlineData("/images/{id}/original")]
    [InlineData("/images/{id}/..%2F..%2Ffeedengine.db")]
    [InlineData("/images/{id}%5C..%5Cfeedengine.db/full")]
    public async Task Get_unknown_or_hostile_path_is_not_found(string path)
    {
        var body = await UploadOkAsync(TestImages.Png(64, 64, seed: 23));

        using var response = await host.Client.GetAsync(path.Replace("{id}", body.ImageId));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Post_without_sign_in_is_unauthorized()
    {
        using var response = await host.UploadAsync(new ByteArrayContent(TestImages.Png(64, 64)), "a.png", "image/png", user: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Post_that_is_not_a_form_is_unsupported()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/images") { Content = new ByteArrayContent(TestImages.Png(64, 64)) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        request.Headers.Add("X-Test-User", "viewer-raw");

        using var response = await host.Client.SendAsync(request);

        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "multipart/form-data");
    }

    [Fact]
    public async Task Post_form_without_a_file_field_is_a_bad_request()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/images")
        {
            Content = new MultipartFormDataContent { { new ByteArrayContent(TestImages.Png(64, 64)), "picture", "a.png" } },
        };
        request.Headers.Add("X-Test-User", "viewer-form");

        using var response = await host.Client.SendAsync(request);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "no field named \"file\"");
    }

    [Fact]
    public async Task Post_fifty_megabytes_streamed_without_a_length_is_too_large()
    {
        var file = HostileCorpus.Named("fifty-megabytes");

        await using var content = file.Open();
        var answer = await RawUpload.PostAsync(host.Client.BaseAddress!, "viewer-chunked", file.FileName, file.DeclaredType, content, fileLength: null);

        Assert.Equal(413, answer.Status);
        Assert.StartsWith("application/problem+json", answer.ContentType);
        Assert.Contains("15 MB", answer.Problem?.GetProperty("detail").GetString());
        Assert.Equal(0, host.StoredImageCount);
        Assert.Equal(HttpStatusCode.OK, (await host.UploadAsync(TestImages.Png(40, 40, seed: 24))).StatusCode); // still serving
    }

    async Task<UploadBody> UploadOkAsync(byte[] picture, string user = "viewer-1")
    {
        using var response = await host.UploadAsync(picture, user);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<UploadBody>())!;
    }

    internal static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string fragment)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<ProblemBody>();
        Assert.Equal((int)status, problem!.Status);
        Assert.Contains(fragment, problem.Detail, StringComparison.OrdinalIgnoreCase);
    }

    internal sealed record ProblemBody(int Status, string? Title, string Detail);
}
