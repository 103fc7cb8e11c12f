using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using FeedEngine.Engine.Abstractions.Sessions;
using FeedEngine.Web.Tests.Ads;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using static FeedEngine.Testing.HubClients;

namespace FeedEngine.Web.Tests.Sessions;

/// <summary>
/// Pictures in messages over the real hub: the snapshot's <c>acceptsImages</c> follows the served model, an uploaded
/// picture reaches the tiny vision model and stays on the viewer's turn, and image ids that are not the caller's are refused.
/// </summary>
[Collection(VisionHubCollection.Name)]
public sealed class ImageAttachmentHubTests(VisionHubApp app)
{
    const string Painting = "demo-harbor-painting";

    async Task<(HubConnection Connection, string Token, SessionSnapshot Session)> OpenAsync()
    {
        var token = await app.GuestTokenAsync();
        var connection = await app.ConnectAsync(token);
        return (connection, token, await connection.InvokeAsync<SessionSnapshot>("StartSession", Painting));
    }

    async Task<string> UploadAsync(string token)
    {
        using var http = app.Http();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await CampaignApi.UploadImageAsync(http);
    }

    [Fact]
    public async Task StartSession_onAVisionModel_acceptsImages_onTheWire()
    {
        var (connection, _, session) = await OpenAsync();
        await using var _ = connection;

        Assert.True(session.AcceptsImages);
        var raw = await connection.InvokeAsync<JsonElement>("StartSession", Painting);
        Assert.True(raw.GetProperty("acceptsImages").GetBoolean());
    }

    [Fact]
    public async Task Send_withAnUploadedPicture_streamsTheVisionModelsReply_andTheTurnKeepsThePicture()
    {
        var (connection, token, session) = await OpenAsync();
        await using var _ = connection;
        var imageId = await UploadAsync(token);

        var events = await ReadUntilTurnAsync(connection, "Send", session.SessionId, "What do you see in my photo?", new[] { imageId });

        var turn = events.Single(e => e.Kind == SessionEventKind.Turn);
        Assert.DoesNotContain(events, e => e.Kind == SessionEventKind.Error);
        Assert.Equal(SessionTurnStatus.Complete, turn.TurnStatus);
        Assert.NotEmpty(Tokens(events));
        var after = await connection.InvokeAsync<SessionSnapshot>("StartSession", Painting);
        var mine = after.Turns.Single(t => t.Role == SessionRole.Viewer);
        Assert.Equal([$"/images/{imageId}/full"], mine.ImageUrls);
        Assert.Equal(SessionTurnStatus.Complete, after.Turns.Single(t => t.Role == SessionRole.Post).Status);
    }

    [Fact]
    public async Task Send_withAnotherViewersUnknownOrTooManyImages_isRefused_andNothingIsStored()
    {
        var (connection, _, session) = await OpenAsync();
        await using var _ = connection;
        var (_, otherToken, _) = await OpenAsync();
        var theirs = await UploadAsync(otherToken);

        async Task<string> RefusedAsync(string[] imageIds) => (await Assert.ThrowsAsync<HubException>(() =>
            ReadAllAsync(connection.StreamAsync<SessionEvent>("Send", session.SessionId, "Look at this.", imageIds)))).Message;

        Assert.Contains("not one of your uploads", await RefusedAsync([theirs]), StringComparison.Ordinal);
        Assert.Contains("not one of your uploads", await RefusedAsync(["AAAAAAAAAAAAAAAAAAAAAA"]), StringComparison.Ordinal);
        Assert.Contains("at most 4 images", await RefusedAsync([theirs, theirs, theirs, theirs, theirs]), StringComparison.Ordinal);
        Assert.Contains("empty or too long", await RefusedAsync([new string('x', 5000)]), StringComparison.Ordinal);
        Assert.Contains("empty or too long", await RefusedAsync([""]), StringComparison.Ordinal);

        var after = await connection.InvokeAsync<SessionSnapshot>("StartSession", Painting);
        Assert.Equal(session.LastEventSeq, after.LastEventSeq);
        Assert.Empty(after.Turns);
    }
}

/// <summary>The same question on the text model the hub tests serve: no pictures offered.</summary>
[Collection(HubCollection.Name)]
public sealed class TextModelAttachmentHubTests(HubApp app)
{
    [Fact]
    public async Task StartSession_onATextModel_doesNotAcceptImages()
    {
        await using var connection = await app.ConnectAsync(await app.GuestTokenAsync());

        var raw = await connection.InvokeAsync<JsonElement>("StartSession", "demo-harbor-painting");

        Assert.False(raw.GetProperty("acceptsImages").GetBoolean());
    }
}
