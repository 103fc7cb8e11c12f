using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace FeedEngine.Web.Client.Talk;

/// <summary>
/// <see cref="IConversationHub"/> over the SignalR client in the browser: one connection, started on first use, with
/// automatic reconnects (0, 1, 2, 5, then every 10 seconds, for as long as the page is open).
/// </summary>
public sealed class SignalRConversationHub(NavigationManager navigation, ViewerToken token) : IConversationHub, IAsyncDisposable
{
    readonly SemaphoreSlim gate = new(1, 1);
    HubConnection? connection;

    public ConnectionState State { get; private set; } = ConnectionState.Disconnected;

    public event Func<ConnectionState, Task>? StateChanged;

    public async Task<SessionSnapshotView> StartSessionAsync(string postId, CancellationToken cancellationToken = default)
    {
        var hub = await ConnectedAsync(cancellationToken);
        try
        {
            return await hub.InvokeAsync<SessionSnapshotView>("StartSession", postId, cancellationToken);
        }
        catch (Microsoft.AspNetCore.SignalR.HubException e)
        {
            throw new ConversationException(Readable(e), e);
        }
    }

    public IAsyncEnumerable<SessionEventView> Send(string sessionId, string text, IReadOnlyList<string> imageIds, CancellationToken cancellationToken = default) =>
        StreamAsync("Send", [sessionId, text, imageIds.Count == 0 ? null : imageIds.ToArray()], cancellationToken);

    public IAsyncEnumerable<SessionEventView> Resume(string sessionId, long afterSeq, CancellationToken cancellationToken = default) =>
        StreamAsync("Resume", [sessionId, afterSeq], cancellationToken);

    public async Task CancelAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        var hub = await ConnectedAsync(cancellationToken);
        try
        {
            await hub.InvokeAsync("Cancel", sessionId, cancellationToken);
        }
        catch (Microsoft.AspNetCore.SignalR.HubException e)
        {
            throw new ConversationException(Readable(e), e);
        }
    }

    public IAsyncEnumerable<SessionEventView> Regenerate(string sessionId, long turnSeq, CancellationToken cancellationToken = default) =>
        StreamAsync("Regenerate", [sessionId, turnSeq], cancellationToken);

    public Task<SessionSnapshotView> BranchAsync(string sessionId, long turnSeq, CancellationToken cancellationToken = default) =>
        InvokeAsync<SessionSnapshotView>("Branch", [sessionId, turnSeq], cancellationToken);

    public Task<SessionSnapshotView> SwitchBranchAsync(string sessionId, string branchId, CancellationToken cancellationToken = default) =>
        InvokeAsync<SessionSnapshotView>("SwitchBranch", [sessionId, branchId], cancellationToken);

    public Task<SessionSnapshotView> JoinSessionAsync(string roomCode, CancellationToken cancellationToken = default) =>
        InvokeAsync<SessionSnapshotView>("JoinSession", [roomCode], cancellationToken);

    public Task<RoomShareView> ShareSessionAsync(string sessionId, CancellationToken cancellationToken = default) =>
        InvokeAsync<RoomShareView>("ShareSession", [sessionId], cancellationToken);

    public Task RemoveParticipantAsync(string sessionId, string viewerId, CancellationToken cancellationToken = default) =>
        InvokeAsync<object?>("RemoveParticipant", [sessionId, viewerId], cancellationToken);

    public Task CloseRoomAsync(string sessionId, CancellationToken cancellationToken = default) =>
        InvokeAsync<object?>("CloseRoom", [sessionId], cancellationToken);

    async Task<T> InvokeAsync<T>(string method, object?[] arguments, CancellationToken cancellationToken)
    {
        var hub = await ConnectedAsync(cancellationToken);
        try
        {
            return (T)(await hub.InvokeCoreAsync(method, typeof(T), arguments, cancellationToken))!;
        }
        catch (Microsoft.AspNetCore.SignalR.HubException e)
        {
            throw new ConversationException(Readable(e), e);
        }
    }

    async IAsyncEnumerable<SessionEventView> StreamAsync(string method, object?[] arguments, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var hub = await ConnectedAsync(cancellationToken);
        var stream = hub.StreamAsyncCore<SessionEventView>(method, arguments, cancellationToken);
        await using var reader = stream.GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            SessionEventView item;
            try
            {
                if (!await reader.MoveNextAsync()) yield break;
                item = reader.Current;
            }
            catch (Microsoft.AspNetCore.SignalR.HubException e)
            {
                throw new ConversationException(Readable(e), e);
            }
            yield return item;
        }
    }

    async Task<HubConnection> ConnectedAsync(CancellationToken cancellationToken)
    {
        if (connection is { State: HubConnectionState.Connected } ready) return ready;
        await gate.WaitAsync(cancellationToken);
        try
        {
            connection ??= Build();
            if (connection.State == HubConnectionState.Disconnected)
            {
                await connection.StartAsync(cancellationToken);
                await SetStateAsync(ConnectionState.Connected);
            }
            else if (connection.State != HubConnectionState.Connected)
            {
                // Reconnecting: wait for the automatic reconnect rather than failing the call.
                var connected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                Task OnReconnected(string? _) { connected.TrySetResult(); return Task.CompletedTask; }
                connection.Reconnected += OnReconnected;
                try
                {
                    if (connection.State != HubConnectionState.Connected) await connected.Task.WaitAsync(cancellationToken);
                }
                finally
                {
                    connection.Reconnected -= OnReconnected;
                }
            }
            return connection;
        }
        finally
        {
            gate.Release();
        }
    }

    HubConnection Build()
    {
        var hub = new HubConnectionBuilder()
            // WebSockets without negotiation: the hub accepts nothing else, so any node behind the entry point can take the
            // connection without sticky sessions (README, "Cluster mode").
            .WithUrl(navigation.ToAbsoluteUri("hubs/feed"), o =>
            {
                o.AccessTokenProvider = async () => await token.GetAsync();
                o.SkipNegotiation = true;
                o.Transports = HttpTransportType.WebSockets;
            })
            .WithAutomaticReconnect(new ForeverRetryPolicy())
            .AddJsonProtocol(o =>
            {
                o.PayloadSerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
                o.PayloadSerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
            })
            .Build();
        hub.Reconnecting += _ => SetStateAsync(ConnectionState.Reconnecting);
        hub.Reconnected += _ => SetStateAsync(ConnectionState.Connected);
        hub.Closed += _ => SetStateAsync(ConnectionState.Disconnected);
        return hub;
    }

    async Task SetStateAsync(ConnectionState state)
    {
        if (State == state) return;
        State = state;
        if (StateChanged is { } handler) await handler(state);
    }

    static string Readable(Microsoft.AspNetCore.SignalR.HubException e)
    {
        // The server's message follows SignalR's prefix: "An unexpected error occurred invoking 'X' on the server. HubException: ..."
        const string marker = "HubException: ";
        var at = e.Message.IndexOf(marker, StringComparison.Ordinal);
        return at >= 0 ? e.Message[(at + marker.Length)..] : e.Message;
    }

    public async ValueTask DisposeAsync()
    {
        if (connection is not null) await connection.DisposeAsync();
    }

    sealed class ForeverRetryPolicy : IRetryPolicy
    {
        static readonly TimeSpan[] Delays = [TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5)];

        public TimeSpan? NextRetryDelay(RetryContext retryContext) =>
            retryContext.PreviousRetryCount < Delays.Length ? Delays[retryContext.PreviousRetryCount] : TimeSpan.FromSeconds(10);
    }
}
