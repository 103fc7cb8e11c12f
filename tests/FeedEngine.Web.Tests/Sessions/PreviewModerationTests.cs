using System.Text.Json;
using FeedEngine.Engine.Abstractions.Sessions;
using FeedEngine.Engine.Abstractions.Studio;
using FeedEngine.Storage;
using Microsoft.Extensions.DependencyInjection;
using static FeedEngine.Web.Tests.Posts.PostsApi;

namespace FeedEngine.Web.Tests.Sessions;

/// <summary>
/// A creator's preview of a rated draft, through the real session grain, moderation and a scripted model: a rating gates
/// viewers by age, never the creator trying out their own draft (who may have given no birth year).
/// </summary>
[Collection(ScriptedHubCollection.Name)]
public sealed class PreviewModerationTests(ScriptedHubApp app)
{
    [Theory]
    [InlineData("teen")]
    [InlineData("mature")]
    public async Task Preview_ofARatedDraft_byACreatorWithoutABirthYear_isAnswered(string rating)
    {
        var (creator, account, _, _) = await app.SignUpAsync("creator");
        var body = JsonSerializer.SerializeToNode(Game($"A {rating} harbor draft"))!.AsObject();
        body["ageRating"] = rating;
        var postId = Id(await CreateAsync(creator, body));
        var grains = app.Services.GetRequiredService<IGrainFactory>();
        var previewId = DocumentIds.New();
        var created = await grains.GetGrain<ISessionPreviewGrain>(previewId).CreatePreviewAsync(account.UserId, postId);
        Assert.True(created.IsOk, created.Rejection?.Message);
        var session = grains.GetGrain<ISessionGrain>(previewId);

        var sent = await session.SendAsync(new ViewerMessage { ViewerId = account.UserId, MessageId = "m1", Text = "Where does the cliff path lead?" });
        Assert.True(sent.IsOk, sent.Rejection?.Message);
        var events = new List<SessionEvent>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var read = new SessionRead { ViewerId = account.UserId, AfterSeq = sent.Value!.AfterSeq, UntilTurnSeq = sent.Value.ReplyTurnSeq };
        await foreach (var e in session.ReadAsync(read, timeout.Token)) events.Add(e);

        Assert.DoesNotContain(events, e => e.Status is not null);
        Assert.Equal((SessionTurnStatus.Complete, "You said: Where does the cliff path lead?"), (events[^1].TurnStatus, events[^1].Text));
    }
}
