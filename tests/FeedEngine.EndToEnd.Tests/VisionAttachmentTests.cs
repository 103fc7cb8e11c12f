using FeedEngine.Web.Tests.Ads;
using Microsoft.Playwright;

namespace FeedEngine.EndToEnd.Tests;

/// <summary>A viewer shows a post a picture: attach, preview, send, and the tiny vision model's reply streams back.</summary>
[Collection(BrowserCollection.Name)]
public sealed class VisionAttachmentTests(BrowserApp browser)
{
    static string Shot(string name) => Path.Combine(BrowserApp.ArtifactsDirectory, name);

    [Fact]
    public async Task Viewer_attachesAPng_seesItsThumbnail_sendsIt_andTheVisionModelsReplyStreams()
    {
        var page = await browser.NewPageAsync();
        var (_, talk) = await FeedScroll.OpenConversationAsync(page, "demo-harbor-painting");
        await Assertions.Expect(talk.GetByLabel("Your message")).ToBeEnabledAsync();

        // The attach control is a real file input behind its label: reachable by keyboard and named for screen readers.
        var attach = talk.GetByLabel("Attach a picture");
        await Assertions.Expect(attach).ToBeEnabledAsync();
        await attach.FocusAsync();
        await Assertions.Expect(attach).ToBeFocusedAsync();

        // Not a picture: refused in the browser, with the reason.
        await attach.SetInputFilesAsync(new FilePayload { Name = "notes.txt", MimeType = "text/plain", Buffer = "hello"u8.ToArray() });
        await Assertions.Expect(talk.GetByTestId("attach-error")).ToContainTextAsync("is not a PNG, JPEG or WebP picture");

        await talk.GetByLabel("Your message").FillAsync("What do you see in my photo?");
        await attach.SetInputFilesAsync(new FilePayload { Name = "harbor.png", MimeType = "image/png", Buffer = CampaignApi.Png() });
        var thumbnail = talk.Locator(".attach-item img.attach-thumb");
        await Assertions.Expect(thumbnail).ToBeVisibleAsync();
        await Assertions.Expect(thumbnail).ToHaveJSPropertyAsync("complete", true);
        Assert.True(await thumbnail.EvaluateAsync<int>("img => img.naturalWidth") > 0, "the thumbnail variant loads");
        await Assertions.Expect(talk.GetByRole(AriaRole.Button, new() { Name = "Remove harbor.png" })).ToBeVisibleAsync();
        await talk.ScreenshotAsync(new() { Path = Shot("conversation-attached-picture.png") });

        await talk.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();
        var sent = talk.Locator(".turn.viewer img.turn-image");
        await Assertions.Expect(sent).ToBeVisibleAsync();
        await Assertions.Expect(sent).ToHaveAttributeAsync("src", new System.Text.RegularExpressions.Regex("^/images/[A-Za-z0-9_-]{22}/full$"));
        var reply = talk.Locator(".turn.post[data-status=complete]");
        await Assertions.Expect(reply).ToHaveCountAsync(1, new() { Timeout = 60_000 });
        Assert.False(string.IsNullOrWhiteSpace(await reply.InnerTextAsync()), "the vision model's reply has text");
        await Assertions.Expect(talk.Locator(".attach-item")).ToHaveCountAsync(0);
        await Assertions.Expect(talk.GetByTestId("status")).ToHaveCountAsync(0);
        await talk.ScreenshotAsync(new() { Path = Shot("conversation-vision-reply.png") });
        await page.Context.CloseAsync();
    }
}
