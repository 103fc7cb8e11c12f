using FeedEngine.Cluster.Tests.Nodes;
using Microsoft.AspNetCore.SignalR.Client;

namespace FeedEngine.Cluster.Tests.Connections;

/// <summary>
/// A viewer's connection is cut in the middle of replies, 100 times, by a proxy that resets the socket; each time the
/// client reconnects and resumes after the last event it saw. What it assembles must equal the stored turn, event
/// numbers must run without a gap or a repeat.
/// </summary>
public sealed class ConnectionDropTests : IAsyncLifetime
{
    const int Drops = 100;
    readonly string root = Directory.CreateTempSubdirectory("feedengine-drops-").FullName;
    NodeApp node = null!;
    LoopbackProxy proxy = null!;

    public Task InitializeAsync()
    {
        node = new NodeApp(root, store: null, replyTokens: 120, tokenMilliseconds: 3).Start();
        proxy = new LoopbackProxy(new Uri(node.BaseUrl).Port);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await proxy.DisposeAsync();
        await node.DisposeAsync();
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a closing handle; the temp folder is cleaned by the OS.
        }
    }

    [Fact]
    public async Task Resume_afterEachOf100SocketCutsMidReply_assemblesExactlyTheStoredTurn()
    {
        var token = await node.GuestTokenAsync();
        var postId = await node.FirstPostIdAsync();
        var connection = await HubClients.ConnectAsync(proxy.BaseUrl, token);
        var session = await connection.InvokeAsync<SessionSnapshot>("StartSession", postId);
        var drops = 0;
        var replies = 0;
        // Generous: the cluster tests run their collections side by side on two shared cores.
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(5));

        while (drops < Drops)
        {
            var events = new List<SessionEvent>();
            var method = "Send";
            object?[] arguments = [session.SessionId, $"Reply number {replies}, please.", Array.Empty<string>()];
            SessionEvent? turn = null;
            while (turn is null)
            {
                var sinceConnect = 0;
                try
                {
                    await foreach (var item in connection.StreamAsyncCore<SessionEvent>(method, arguments, deadline.Token))
                    {
                        events.Add(item);
                        if (item.Kind == SessionEventKind.Turn) { turn = item; break; }
                        // Cut after the second token event on every connection, until enough drops happened; what the
                        // client had buffered past the cut is dropped with it.
                        if (item.Kind == SessionEventKind.Token && ++sinceConnect == 2 && drops < Drops && proxy.CutAll() > 0)
                        {
                            drops++;
                            break;
                        }
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException || !deadline.IsCancellationRequested)
                {
                    // The cut: the stream fails. Reconnect and resume below.
                }
                if (turn is not null) break;
                await connection.DisposeAsync();
                connection = await HubClients.ConnectAsync(proxy.BaseUrl, token);
                method = "Resume";
                arguments = [session.SessionId, events.Count > 0 ? events[^1].Seq : session.LastEventSeq];
            }

            var stored = (await connection.InvokeAsync<SessionSnapshot>("StartSession", postId)).Turns[^1];
            Assert.Equal(turn.TurnSeq, stored.Seq);
            Assert.Equal(stored.Text, HubClients.Tokens(events));
            Assert.Equal(stored.Text, turn.Text);
            Assert.Equal(SessionTurnStatus.Complete, stored.Status);
            Assert.Equal(Enumerable.Range(0, events.Count).Select(i => events[0].Seq + i), events.Select(e => e.Seq));
            session = session with { LastEventSeq = turn.Seq };
            replies++;
        }
        await connection.DisposeAsync();

        Assert.Equal(Drops, drops);
        Assert.True(replies < Drops, $"Each reply should have been cut several times ({replies} replies for {drops} drops).");
    }
}
