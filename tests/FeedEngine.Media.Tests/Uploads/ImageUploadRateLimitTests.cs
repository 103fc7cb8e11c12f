using System.Net;

namespace FeedEngine.Media.Tests.Uploads;

public sealed class ImageUploadRateLimitTests : IAsyncLifetime
{
    MediaHost host = null!;

    public async Task InitializeAsync() => host = await MediaHost.StartAsync(("UploadsPerMinute", "3"));

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task Post_beyond_the_per_user_limit_is_too_many_requests()
    {
        var picture = TestImages.Png(32, 32, seed: 31);
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await host.UploadAsync(picture, "busy-viewer")).StatusCode);

        using var limited = await host.UploadAsync(picture, "busy-viewer");
        using var someoneElse = await host.UploadAsync(picture, "calm-viewer");

        await ImageEndpointTests.AssertProblemAsync(limited, HttpStatusCode.TooManyRequests, "Too many uploads");
        Assert.NotNull(limited.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, someoneElse.StatusCode);
    }
}
