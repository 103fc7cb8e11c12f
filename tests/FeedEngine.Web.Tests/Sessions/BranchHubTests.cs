using FeedEngine.Engine.Abstractions.Sessions;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using static FeedEngine.Testing.HubClients;
using static FeedEngine.Web.Tests.Sessions.HubApp;

namespace FeedEngine.Web.Tests.Sessions;

/// <summary>Regenerate, Branch and SwitchBranch through the hub with the generated ONNX model.</summary>
[Collection(HubCollection.Name)]
public sealed class BranchHubTests(HubApp app)
{
    const string Quiz = "demo-night-sky-quiz";

    [Fact]
    public async Task Regenerate_thenSwitchBack_keepsBothAnswersOnTheirBranches()
    {
        await using var connection = await app.ConnectAsync(await app.GuestTokenAsync());
        var session = await connection.InvokeAsync<SessionSnapshot>("StartSession", Quiz);
        var first = await ReadAllAsync(connection.StreamAsync<SessionEvent>("Send", session.SessionId, "The Sun!", Array.Empty<string>()));

        var again = await ReadAllAsync(connection.StreamAsync<SessionEvent>("Regenerate", session.SessionId, 2L));

        Assert.Equal((SessionEventKind.Turn, 3L, "b1"), (again[^1].Kind, again[^1].TurnSeq, again[^1].BranchId));
        Assert.Equal(again[^1].Text, Tokens(again));
        var regenerated = await connection.InvokeAsync<SessionSnapshot>("StartSession", Quiz);
        Assert.Equal(("b1", 2), (regenerated.BranchId, regenerated.Branches.Length));
        Assert.Equal([1L, 3L], regenerated.Turns.Select(t => t.Seq));

        var main = await connection.InvokeAsync<SessionSnapshot>("SwitchBranch", session.SessionId, "main");
        Assert.Equal([1L, 2L], main.Turns.Select(t => t.Seq));
        Assert.Equal(first[^1].Text, main.Turns[^1].Text);
    }

    [Fact]
    public async Task BranchCalls_badInput_areRefusedAndChangeNothing()
    {
        await using var connection = await app.ConnectAsync(await app.GuestTokenAsync());
        var session = await connection.InvokeAsync<SessionSnapshot>("StartSession", Quiz);
        await ReadAllAsync(connection.StreamAsync<SessionEvent>("Send", session.SessionId, "Proxima Centauri.", Array.Empty<string>()));
        var before = await connection.InvokeAsync<SessionSnapshot>("StartSession", Quiz);

        async Task<string> Refused(Func<Task> call) => (await Assert.ThrowsAsync<HubException>(call)).Message;

        Assert.Contains("There is no turn 99", await Refused(() => connection.InvokeAsync<SessionSnapshot>("Branch", session.SessionId, 99L)), StringComparison.Ordinal);
        Assert.Contains("is a message", await Refused(() => connection.InvokeAsync<SessionSnapshot>("Branch", session.SessionId, 1L)), StringComparison.Ordinal);
        Assert.Contains("not the last reply", await Refused(() => ReadAllAsync(connection.StreamAsync<SessionEvent>("Regenerate", session.SessionId, 7L))), StringComparison.Ordinal);
        Assert.Contains("no branch 'b9'", await Refused(() => connection.InvokeAsync<SessionSnapshot>("SwitchBranch", session.SessionId, "b9")), StringComparison.Ordinal);
        Assert.Contains("Name the branch", await Refused(() => connection.InvokeAsync<SessionSnapshot>("SwitchBranch", session.SessionId, new string('b', 101))), StringComparison.Ordinal);
        Assert.Contains("Name the session", await Refused(() => connection.InvokeAsync<SessionSnapshot>("Branch", "", 0L)), StringComparison.Ordinal);
        Assert.Contains("no such session", await Refused(() => connection.InvokeAsync<SessionSnapshot>("Branch", "not-a-session", 0L)), StringComparison.OrdinalIgnoreCase);

        var after = await connection.InvokeAsync<SessionSnapshot>("StartSession", Quiz);
        Assert.Equal((before.LastEventSeq, before.BranchId, before.Branches.Length, before.StateJson), (after.LastEventSeq, after.BranchId, after.Branches.Length, after.StateJson));
        Assert.Equal(before.Turns.Select(t => t.Text), after.Turns.Select(t => t.Text));
    }
}
