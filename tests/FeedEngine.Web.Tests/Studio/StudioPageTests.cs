using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Mvc.Testing;

namespace FeedEngine.Web.Tests.Studio;

[Collection(AppCollection.Name)]
public sealed class StudioPageTests(FeedEngineApp app)
{
    HttpClient Browser() => app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    [Theory]
    [InlineData("/studio")]
    [InlineData("/studio/new")]
    [InlineData("/studio/posts/some-post")]
    [InlineData("/studio/posts/some-post/preview")]
    public async Task StudioPages_signedOut_sendToSignIn(string path)
    {
        var response = await Browser().GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/signin", response.Headers.Location?.PathAndQuery);
    }

    [Theory]
    [InlineData("/studio")]
    [InlineData("/studio/posts/some-post")]
    public async Task StudioForms_declaredBodyOverTheLimit_413BeforeAnythingIsRead(string path)
    {
        var content = new StreamContent(new MemoryStream([]));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=x");
        content.Headers.ContentLength = 64L * 1024 * 1024;

        var response = await Browser().PostAsync(path, content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }
}
