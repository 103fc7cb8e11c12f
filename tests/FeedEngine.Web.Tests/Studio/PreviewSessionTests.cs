using FeedEngine.Engine.Abstractions.Sessions;
using FeedEngine.Engine.Abstractions.Studio;
using FeedEngine.Storage;
using FeedEngine.Storage.Sessions;
using Microsoft.Extensions.DependencyInjection;
using static FeedEngine.Web.Tests.Posts.PostsApi;

namespace FeedEngine.Web.Tests.Studio;

/// <summary>Preview sessions in the app's own silo: only the post's creator opens one, and it never becomes a viewer's session.</summary>
[Collection(AppCollection.Name)]
public sealed class PreviewSessionTests(FeedEngineApp app)
{
    IGrainFactory Grains => app.Services.GetRequiredService<IGrainFactory>();

    [Fact]
    public async Task Preview_isTheCreatorsAlone_andNeverTheirViewerSession()
    {
        var (creator, account, _, _) = await app.SignUpAsync("creator");
        var postId = Id(await CreateAsync(creator, Game("Previewed lighthouse")));
        await OkAsync(await PublishAsync(creator, postId));
        var (_, other, _, _) = await app.SignUpAsync("creator");

        var refusedId = DocumentIds.New();
        var refused = await Grains.GetGrain<ISessionPreviewGrain>(refusedId).CreatePreviewAsync(other.UserId, postId);
        Assert.Equal(SessionRejectionReason.NotFound, refused.Rejection?.Reason);
        Assert.Null(await app.Services.GetRequiredService<ISessionRepository>().FindAsync(refusedId));

        var previewId = DocumentIds.New();
        var created = await Grains.GetGrain<ISessionPreviewGrain>(previewId).CreatePreviewAsync(account.UserId, postId);
        Assert.True(created.IsOk, created.Rejection?.Message);
        Assert.Equal(0, created.Value!.PostVersion);
        var stored = await app.Services.GetRequiredService<ISessionRepository>().FindAsync(previewId);
        Assert.True(stored!.Preview);

        Assert.True((await Grains.GetGrain<ISessionPreviewGrain>(previewId).GetPreviewTraceAsync(account.UserId)).IsOk);
        Assert.False((await Grains.GetGrain<ISessionPreviewGrain>(previewId).GetPreviewTraceAsync(other.UserId)).IsOk);
        Assert.False((await Grains.GetGrain<ISessionGrain>(previewId).GetSnapshotAsync(other.UserId)).IsOk);
        var send = await Grains.GetGrain<ISessionGrain>(previewId).SendAsync(new ViewerMessage { ViewerId = other.UserId, MessageId = "m1", Text = "hello" });
        Assert.Equal(SessionRejectionReason.NotFound, send.Rejection?.Reason);

        // As a viewer of the published post, the creator gets an ordinary session on version 1, not the preview.
        var viewing = await Grains.GetGrain<IViewerGrain>(account.UserId).StartSessionAsync(postId);
        Assert.True(viewing.IsOk, viewing.Rejection?.Message);
        Assert.NotEqual(previewId, viewing.Value!.SessionId);
        Assert.Equal(1, viewing.Value.PostVersion);
        Assert.False((await Grains.GetGrain<ISessionPreviewGrain>(viewing.Value.SessionId).GetPreviewTraceAsync(account.UserId)).IsOk);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("a-post-id-far-longer-than-any-post-id-could-be-a-post-id-far-longer-than-any-post-id-could-be-xxxxxxxx")]
    public async Task Preview_badPostId_refusedAndNothingStored(string postId)
    {
        var (_, account, _, _) = await app.SignUpAsync("creator");
        var sessionId = DocumentIds.New();

        var outcome = await Grains.GetGrain<ISessionPreviewGrain>(sessionId).CreatePreviewAsync(account.UserId, postId);

        Assert.Equal(SessionRejectionReason.InvalidInput, outcome.Rejection?.Reason);
        Assert.Null(await app.Services.GetRequiredService<ISessionRepository>().FindAsync(sessionId));
    }
}
