using System.Net;
using Bunit;
using FeedEngine.Web.Client.Social;
using FeedEngine.Web.Client.Talk;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;

namespace FeedEngine.Web.Tests.FeedUi;

/// <summary>Pictures in the viewer's messages: offered only when the post accepts them, checked, uploaded, previewed, sent by id.</summary>
public sealed class AttachmentTests : FeedUiContext
{
    readonly FakeFeedServer server = new();

    public AttachmentTests()
    {
        Context.Services.AddScoped(_ => new FeedHttp(new HttpClient(server) { BaseAddress = new Uri("http://feed.test/") }));
        Hub.Snapshot = Hub.Snapshot with { AcceptsImages = true };
    }

    static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3, 4];

    IRenderedComponent<ConversationPanel> Open()
    {
        var cut = Context.Render<ConversationPanel>(p => p.Add(x => x.PostId, "p1").Add(x => x.Title, "The Painting"));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("input.composer-input")));
        return cut;
    }

    static void Choose(IRenderedComponent<ConversationPanel> cut, params InputFileContent[] files) =>
        cut.FindComponent<InputFile>().UploadFiles(files);

    static InputFileContent Picture(string name = "harbor.png") => InputFileContent.CreateFromBinary(Png, name, null, "image/png");

    [Fact]
    public void Attach_isOffered_onlyWhenTheSnapshotAcceptsImages()
    {
        var cut = Open();
        var input = cut.Find("form.composer input[type=file]");
        Assert.Equal("image/*", input.GetAttribute("accept"));
        var label = cut.Find($"label[for='{input.Id}']");
        Assert.Contains("Attach a picture", label.TextContent, StringComparison.Ordinal);
        Assert.NotNull(input.GetAttribute("aria-describedby"));

        Hub.Snapshot = Hub.Snapshot with { AcceptsImages = false };
        var text = Context.Render<ConversationPanel>(p => p.Add(x => x.PostId, "p2"));
        text.WaitForAssertion(() => Assert.NotEmpty(text.FindAll("input.composer-input")));
        Assert.Empty(text.FindAll("input[type=file]"));
        Assert.Empty(text.FindAll("[data-testid=attach]"));
    }

    [Fact]
    public async Task Attach_tooLargeOrNotAPicture_isRefusedWithAMessage_andNothingIsUploadedOrSent()
    {
        var cut = Open();

        Choose(cut, InputFileContent.CreateFromBinary(new byte[ImageUploads.MaxBytes + 1], "huge.png", null, "image/png"));
        cut.WaitForAssertion(() => Assert.Contains("at most 15 MB", cut.Find("[data-testid=attach-error]").TextContent, StringComparison.Ordinal));
        Choose(cut, InputFileContent.CreateFromText("hello", "notes.txt", null, "text/plain"));
        cut.WaitForAssertion(() => Assert.Contains("“notes.txt” is not a PNG, JPEG or WebP picture", cut.Find("[data-testid=attach-error]").TextContent, StringComparison.Ordinal));
        Assert.Empty(cut.FindAll(".attach-item"));

        cut.Find("input.composer-input").Input("Just words");
        cut.Find("form.composer").Submit();
        await Hub.WaitForCallAsync("Send s1 Just words");
        Assert.Empty(server.Uploads);
    }

    [Fact]
    public async Task Upload_showsProgressThenAThumbnail_andSendCarriesTheImageId_andTheTurnShowsThePicture()
    {
        server.Gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
        var cut = Open();
        cut.Find("input.composer-input").Input("What do you see?");

        // bunit's UploadFiles returns when the change handler has finished, which waits for the held upload.
        var choosing = Task.Run(() => Choose(cut, Picture()));
        await server.Arrived.Task.WaitAsync(TimeSpan.FromSeconds(15));
        cut.WaitForAssertion(() => Assert.Equal("true", cut.Find(".attach-item").GetAttribute("data-uploading")));
        Assert.NotNull(cut.Find("progress[aria-label='Uploading harbor.png']"));
        Assert.True(cut.Find("form.composer button[type=submit]").HasAttribute("disabled"));

        server.Gate.SetResult();
        await choosing.WaitAsync(TimeSpan.FromSeconds(15));
        var id = FakeFeedServer.ImageId(1);
        cut.WaitForAssertion(() => Assert.Equal($"/images/{id}/thumbnail", cut.Find(".attach-item img.attach-thumb").GetAttribute("src")));
        var seen = Assert.Single(server.Uploads);
        Assert.Equal(("Bearer", FakeFeedServer.AccessToken), (seen.Authorization?.Scheme, seen.Authorization?.Parameter));
        Assert.Equal(("file", "harbor.png", "image/png", Png.Length), (seen.Field, seen.FileName, seen.ContentType, seen.Bytes));

        cut.Find("form.composer").Submit();
        await Hub.WaitForCallAsync($"Send s1 What do you see? [{id}]");
        cut.WaitForAssertion(() => Assert.Equal($"/images/{id}/full", cut.Find(".turn.viewer img.turn-image").GetAttribute("src")));
        Assert.Empty(cut.FindAll(".attach-item"));
    }

    [Fact]
    public async Task Remove_takesThePictureOffTheMessage()
    {
        var cut = Open();
        Choose(cut, Picture());
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll(".attach-item img")));

        cut.Find("button[aria-label='Remove harbor.png']").Click();
        Assert.Empty(cut.FindAll(".attach-item"));
        cut.Find("input.composer-input").Input("Never mind the photo");
        cut.Find("form.composer").Submit();

        await Hub.WaitForCallAsync("Send s1 Never mind the photo");
    }

    [Theory]
    [InlineData(HttpStatusCode.RequestEntityTooLarge, "is too large to attach. Images can be at most 15 MB")]
    [InlineData(HttpStatusCode.UnsupportedMediaType, "is not a picture FeedEngine can read")]
    [InlineData(HttpStatusCode.TooManyRequests, "Too many pictures in a short time")]
    [InlineData(HttpStatusCode.BadRequest, "could not be read as a picture")]
    public async Task UploadRefused_saysWhy_keepsTheTypedText_andSendsNoPicture(HttpStatusCode status, string expected)
    {
        server.Answer = _ => (status, FakeFeedServer.Problem((int)status, "Images can be at most 15 MB: export a smaller size."));
        var cut = Open();
        cut.Find("input.composer-input").Input("Look at my cat");

        Choose(cut, Picture("cat.png"));

        cut.WaitForAssertion(() => Assert.Contains(expected, cut.Find("[data-testid=attach-error]").TextContent, StringComparison.Ordinal));
        Assert.Equal("alert", cut.Find("[data-testid=attach-error]").GetAttribute("role"));
        Assert.Empty(cut.FindAll(".attach-item"));
        Assert.Equal("Look at my cat", cut.Find("input.composer-input").GetAttribute("value"));
        cut.Find("form.composer").Submit();
        await Hub.WaitForCallAsync("Send s1 Look at my cat");
    }
}
