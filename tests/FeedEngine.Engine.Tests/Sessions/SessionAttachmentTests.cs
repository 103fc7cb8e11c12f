using FeedEngine.Inference.Models;
using static FeedEngine.Engine.Tests.Sessions.EngineCluster;

namespace FeedEngine.Engine.Tests.Sessions;

/// <summary>The capability switch the session tests' silo reads: a text model unless a test turns vision on.</summary>
public sealed class ModelCapabilitiesSwitch : IChatModelCapabilities
{
    public bool ReadsImages { get; set; }
}

/// <summary>Pictures from viewers: whether a session takes them (the snapshot's acceptsImages), and image ids that are refused.</summary>
[Collection(EngineClusterCollection.Name)]
public sealed class SessionAttachmentTests(EngineCluster engine)
{
    [Fact]
    public async Task Snapshot_acceptsImages_followsTheModel_andABrandConversationTakesNone()
    {
        engine.Capabilities.ReadsImages = true;
        try
        {
            var (viewer, session, snapshot) = await engine.StartAsync();
            Assert.True(snapshot.AcceptsImages);

            var brandViewer = "viewer-" + Guid.NewGuid().ToString("n");
            var card = engine.Sponsors.IssueCard(brandViewer);
            var brand = Ok(await engine.Grains.GetGrain<IViewerGrain>(brandViewer).StartSessionAsync(card.PlacementId));
            Assert.NotNull(brand.Sponsor);
            Assert.False(brand.AcceptsImages);

            engine.Capabilities.ReadsImages = false;
            Assert.False(Ok(await session.GetSnapshotAsync(viewer)).AcceptsImages);
        }
        finally
        {
            engine.Capabilities.ReadsImages = false;
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public async Task Send_emptyOrOverlongImageId_isRefused_andNothingIsStored(string? imageId)
    {
        var (viewer, session, snapshot) = await engine.StartAsync();

        var outcome = await session.SendAsync(Message(viewer, "Look.") with { ImageIds = [imageId ?? new string('x', 101)] });

        Assert.Equal(SessionRejectionReason.InvalidInput, outcome.Rejection?.Reason);
        Assert.Contains("empty or too long", outcome.Rejection!.Message, StringComparison.Ordinal);
        Assert.Equal(snapshot.LastEventSeq, Ok(await session.GetSnapshotAsync(viewer)).LastEventSeq);
        Assert.Empty(await engine.Turns.ListFromEventAsync(snapshot.SessionId, 0, 10));
    }
}
