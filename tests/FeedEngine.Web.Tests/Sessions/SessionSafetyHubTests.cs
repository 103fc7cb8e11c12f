using FeedEngine.Engine.Abstractions.Sessions;
using FeedEngine.Safety.Leaks;
using FeedEngine.Safety.Moderation;
using FeedEngine.Safety.Reports;
using FeedEngine.Storage.Sessions;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using static FeedEngine.Testing.HubClients;
using static FeedEngine.Web.Tests.Sessions.HubApp;

namespace FeedEngine.Web.Tests.Sessions;

/// <summary>Issue 12's must-shows through the hub and the real session grain, with scripted models at the model boundary.</summary>
[Collection(ScriptedHubCollection.Name)]
public sealed class SessionSafetyHubTests(ScriptedHubApp app)
{
    const string Lighthouse = "demo-lighthouse";

    [Fact]
    public async Task Send_modelRepeatsItsSystemPromptAcrossFrames_viewerGetsARefusalNeverTheHiddenTextOrCanary()
    {
        await using var connection = await app.ConnectGuestAsync();
        var session = await connection.InvokeAsync<SessionSnapshot>("StartSession", Lighthouse);

        var events = await ReadAllAsync(connection.StreamAsync<SessionEvent>("Send", session.SessionId, ScriptedHubApp.AskForPrompt, Array.Empty<string>()));

        var system = app.Model.SystemPrompts.Last(p => p.Contains(CanaryToken.Prefix, StringComparison.Ordinal));
        var everything = string.Concat(events.Select(e => e.Text));
        Assert.DoesNotContain(CanaryToken.Prefix, everything, StringComparison.OrdinalIgnoreCase);
        // No 24-character stretch of the hidden prompt reaches the viewer, in any event.
        for (var at = 0; at + 24 <= system.Length; at += 8)
            Assert.DoesNotContain(system.Substring(at, 24), everything, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(events, e => e.Kind == SessionEventKind.Status && e.Status!.Code == SessionStatusCode.Blocked && e.Status.Message == LeakFilter.StopMessage);
        Assert.Equal((SessionEventKind.Turn, SessionTurnStatus.Blocked, LeakFilter.StopMessage), (events[^1].Kind, events[^1].TurnStatus, events[^1].Text));

        var reopened = await connection.InvokeAsync<SessionSnapshot>("StartSession", Lighthouse);
        Assert.Equal((SessionTurnStatus.Blocked, LeakFilter.StopMessage), (reopened.Turns[^1].Status, reopened.Turns[^1].Text));
    }

    [Fact]
    public async Task Send_classifierFlagsTheReply_viewerGetsBlockedAndTheDecisionIsQueuedWithItsCategory()
    {
        await using var connection = await app.ConnectGuestAsync();
        var session = await connection.InvokeAsync<SessionSnapshot>("StartSession", Lighthouse);

        var events = await ReadAllAsync(connection.StreamAsync<SessionEvent>("Send", session.SessionId, $"Say {ScriptedHubApp.Flag} back to me.", Array.Empty<string>()));

        Assert.Contains(events, e => e.Kind == SessionEventKind.Status && e.Status!.Code == SessionStatusCode.Blocked && e.Status.Message == LlamaGuardStage.BlockMessage);
        Assert.Equal((SessionTurnStatus.Blocked, LlamaGuardStage.BlockMessage), (events[^1].TurnStatus, events[^1].Text));
        var turnSeq = events[^1].TurnSeq!.Value;

        var report = Assert.Single(await app.Services.GetRequiredService<ReportService>().QueueAsync(CancellationToken.None),
            r => r.SessionId == session.SessionId);
        Assert.Equal(turnSeq, report.TurnSeq);
        Assert.Equal([ScriptedHubApp.FlagCategory], report.Categories);
        var stored = (await app.Services.GetRequiredService<ITurnRepository>().ListAsync(session.SessionId)).Single(t => t.Seq == turnSeq);
        Assert.Equal([ScriptedHubApp.FlagCategory], stored.ModerationCategories);
    }
}
