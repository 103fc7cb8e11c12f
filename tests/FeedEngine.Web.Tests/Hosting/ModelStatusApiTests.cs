using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FeedEngine.Inference.ImageGeneration;
using FeedEngine.Inference.Models;
using Microsoft.Extensions.DependencyInjection;

namespace FeedEngine.Web.Tests.Hosting;

/// <summary>The admins' model status: the banner fragment model-status.js polls, and the same as JSON; nobody else gets it.</summary>
[Collection(AppCollection.Name)]
public sealed class ModelStatusApiTests(FeedEngineApp app)
{
    [Theory]
    [InlineData("/api/admin/model-status")]
    [InlineData("/api/admin/models")]
    public async Task ModelStatus_anonymous401_viewer403(string path)
    {
        var anonymous = await app.CreateClient().GetAsync(path);
        var (viewer, _, _, _) = await app.SignUpAsync();
        var asViewer = await viewer.GetAsync(path);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, asViewer.StatusCode);
    }

    [Fact]
    public async Task ModelStatus_admin_getsBothModelsAsTheHostsSeeThem()
    {
        var (admin, _) = await app.SignInAsAdminAsync();
        var text = app.Services.GetRequiredService<ModelHost>().Status;
        var image = app.Services.GetService<ImageModelHost>()?.Status;

        var json = await admin.GetFromJsonAsync<JsonElement>("/api/admin/models");
        var banner = await admin.GetAsync("/api/admin/model-status");
        var html = await banner.Content.ReadAsStringAsync();

        Assert.Equal(text.Model, json.GetProperty("text").GetProperty("model").GetString());
        Assert.Equal(JsonNamingPolicy.CamelCase.ConvertName(text.State.ToString()), json.GetProperty("text").GetProperty("state").GetString());
        Assert.NotNull(image);
        Assert.Equal(image.Model, json.GetProperty("image").GetProperty("model").GetString());
        Assert.Equal(HttpStatusCode.OK, banner.StatusCode);
        Assert.Equal("text/html", banner.Content.Headers.ContentType?.MediaType);
        // The test app has no real model on disk: the banner names the chat model's state, the fragment is what the page swaps in.
        Assert.False(text.IsReady && !text.IsTestModel);
        Assert.Contains($"data-model=\"text\" data-state=\"{text.State.ToString().ToLowerInvariant()}\"", html, StringComparison.Ordinal);
        Assert.Contains("data-model-status=\"/api/admin/model-status\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<html", html, StringComparison.OrdinalIgnoreCase);
    }
}
