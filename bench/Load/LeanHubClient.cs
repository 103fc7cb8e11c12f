using System.Buffers;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace FeedEngine.Bench.Load;

/// <summary>
/// A lean SignalR client for the load generator (<c>--client lean</c>): one WebSocket speaking the hub's JSON protocol
/// itself (handshake, invocations, stream items, completions, pings), reading each message where it lies in the receive
/// buffer without making objects of it, and timing a Send's events as they are read. The SignalR .NET client builds a
/// <c>SessionEvent</c> and a message object per event and passes it through channels: on the two cores the server
/// shares with it, that client took a quarter of the CPU and collected about once a second. One exchange at a time per
/// connection, as the benchmark's viewers do.
/// </summary>
sealed class LeanHubClient : IAsyncDisposable
{
    const byte Separator = 0x1e;
    static readonly byte[] Handshake = Encoding.UTF8.GetBytes("{\"protocol\":\"json\",\"version\":1}\u001e");
    static readonly byte[] Ping = Encoding.UTF8.GetBytes("{\"type\":6}\u001e");

    readonly ClientWebSocket socket = new();
    readonly SemaphoreSlim sending = new(1, 1);
    readonly ArrayBufferWriter<byte> outgoing = new(512);
    byte[] buffer = new byte[8 * 1024];
    int filled;
    int invocations;
    Pending? pending;
    Task reading = Task.CompletedTask;
    Timer? keepAlive;

    /// <summary>The call waiting for its answer: a Send's stream or another method's completion.</summary>
    sealed class Pending(string invocationId, long sentAt)
    {
        public byte[] Id { get; } = Encoding.UTF8.GetBytes(invocationId);
        public ExchangeTiming Timing { get; } = new(sentAt);
        public string? SessionId;
        public readonly TaskCompletionSource Done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>A connection to <c>{baseUrl}/hubs/feed</c> for the holder of <paramref name="token"/>, handshake done.</summary>
    public static async Task<LeanHubClient> ConnectAsync(string baseUrl, string token)
    {
        var client = new LeanHubClient();
        var uri = new Uri($"{baseUrl.Replace("http://", "ws://", StringComparison.Ordinal)}/hubs/feed?access_token={Uri.EscapeDataString(token)}");
        await client.socket.ConnectAsync(uri, CancellationToken.None);
        await client.socket.SendAsync(Handshake, WebSocketMessageType.Text, true, CancellationToken.None);
        // The handshake answer is the first message: "{}" or an error.
        int answerEnd;
        while ((answerEnd = Array.IndexOf(client.buffer, Separator, 0, client.filled)) < 0)
        {
            var read = await client.socket.ReceiveAsync(client.buffer.AsMemory(client.filled), CancellationToken.None);
            if (read.MessageType == WebSocketMessageType.Close) throw new InvalidOperationException("The hub closed the connection during the handshake.");
            client.filled += read.Count;
        }
        var answer = Encoding.UTF8.GetString(client.buffer, 0, answerEnd);
        if (answer.Contains("\"error\"", StringComparison.Ordinal)) throw new InvalidOperationException($"The hub refused the handshake: {answer}");
        client.Consume(answerEnd + 1);
        client.reading = Task.Run(client.ReadLoopAsync);
        client.keepAlive = new Timer(_ => _ = client.PingAsync(), null, KeepAliveInterval, KeepAliveInterval);
        return client;
    }

    /// <summary>The viewer's session on the post (the hub's <c>StartSession</c>).</summary>
    public async Task<string> StartSessionAsync(string postId)
    {
        var call = await InvokeAsync(1, "StartSession", w => w.WriteStringValue(postId));
        await call.Done.Task;
        return call.SessionId ?? throw new InvalidOperationException("StartSession answered without a session id.");
    }

    /// <summary>Sends a message and reads its stream to the end, timing its token events as they arrive.</summary>
    public async Task<ExchangeTiming> SendAsync(string sessionId, string text, TimeSpan timeout)
    {
        var call = await InvokeAsync(4, "Send", w =>
        {
            w.WriteStringValue(sessionId);
            w.WriteStringValue(text);
            w.WriteStartArray();
            w.WriteEndArray();
        });
        await call.Done.Task.WaitAsync(timeout);
        return call.Timing;
    }

    /// <summary>Starts a call: an invocation (type 1) or a stream invocation (type 4) of <paramref name="target"/>.</summary>
    async Task<Pending> InvokeAsync(int type, string target, Action<Utf8JsonWriter> arguments)
    {
        var call = Begin();
        await WriteAsync(w =>
        {
            w.WriteNumber("type", type);
            w.WriteString("invocationId", Encoding.UTF8.GetString(call.Id));
            w.WriteString("target", target);
            w.WriteStartArray("arguments");
            arguments(w);
            w.WriteEndArray();
        });
        return call;
    }

    /// <summary>The hub closes a connection it has heard nothing from for 30 s (its client timeout).</summary>
    static readonly TimeSpan KeepAliveInterval = TimeSpan.FromSeconds(10);

    async Task PingAsync()
    {
        await sending.WaitAsync();
        try
        {
            if (socket.State == WebSocketState.Open) await socket.SendAsync(Ping, WebSocketMessageType.Text, true, CancellationToken.None);
        }
        catch (Exception e) when (e is WebSocketException or ObjectDisposedException)
        {
        }
        finally
        {
            sending.Release();
        }
    }

    Pending Begin()
    {
        if (pending is not null) throw new InvalidOperationException("One call at a time on a lean client.");
        var call = new Pending($"{++invocations}", Stopwatch.GetTimestamp());
        pending = call;
        return call;
    }

    async Task WriteAsync(Action<Utf8JsonWriter> body)
    {
        await sending.WaitAsync();
        try
        {
            outgoing.ResetWrittenCount();
            using (var writer = new Utf8JsonWriter(outgoing))
            {
                writer.WriteStartObject();
                body(writer);
                writer.WriteEndObject();
            }
            outgoing.GetSpan(1)[0] = Separator;
            outgoing.Advance(1);
            await socket.SendAsync(outgoing.WrittenMemory, WebSocketMessageType.Text, true, CancellationToken.None);
        }
        finally
        {
            sending.Release();
        }
    }

    async Task ReadLoopAsync()
    {
        try
        {
            while (true)
            {
                if (filled == buffer.Length) Array.Resize(ref buffer, buffer.Length * 2);
                var read = await socket.ReceiveAsync(buffer.AsMemory(filled), CancellationToken.None);
                if (read.MessageType == WebSocketMessageType.Close) break;
                // One clock reading for everything this receive brought: the moment it reached this client.
                var now = Stopwatch.GetTimestamp();
                filled += read.Count;
                int end;
                while ((end = Array.IndexOf(buffer, Separator, 0, filled)) >= 0)
                {
                    Handle(buffer.AsSpan(0, end), now);
                    Consume(end + 1);
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or ObjectDisposedException or OperationCanceledException)
        {
        }
        pending?.Done.TrySetException(new InvalidOperationException("The hub connection closed during a call."));
    }

    void Consume(int count)
    {
        Buffer.BlockCopy(buffer, count, buffer, 0, filled - count);
        filled -= count;
    }

    /// <summary>One hub message: a stream item of the call in progress, its completion, or a ping (ignored).</summary>
    void Handle(ReadOnlySpan<byte> message, long now)
    {
        var reader = new Utf8JsonReader(message);
        var type = 0;
        var ours = false;
        string? error = null;
        string? kind = null;
        var textLength = 0;
        string? turnStatus = null;
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                type = reader.GetInt32();
            }
            else if (reader.ValueTextEquals("invocationId"u8))
            {
                reader.Read();
                ours = pending is { } call && reader.ValueTextEquals(call.Id);
            }
            else if (reader.ValueTextEquals("error"u8))
            {
                reader.Read();
                error = reader.GetString();
            }
            else if (reader.ValueTextEquals("item"u8) || reader.ValueTextEquals("result"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    reader.Skip();
                    continue;
                }
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    if (reader.ValueTextEquals("kind"u8))
                    {
                        reader.Read();
                        kind = reader.ValueTextEquals("token"u8) ? "token" : reader.ValueTextEquals("turn"u8) ? "turn" : "other";
                    }
                    else if (reader.ValueTextEquals("text"u8))
                    {
                        reader.Read();
                        textLength = reader.TokenType == JsonTokenType.String ? reader.ValueSpan.Length : 0;
                    }
                    else if (reader.ValueTextEquals("turnStatus"u8))
                    {
                        reader.Read();
                        turnStatus = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("complete"u8) ? "complete" : "other";
                    }
                    else if (reader.ValueTextEquals("sessionId"u8) && pending is { } call)
                    {
                        reader.Read();
                        call.SessionId = reader.GetString();
                    }
                    else
                    {
                        reader.Read();
                        reader.Skip();
                    }
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (!ours || pending is not { } current) return;
        if (type == 2 && kind == "token")
        {
            // The scripted model's text is ASCII: a byte is a character.
            current.Timing.Token(now, textLength);
        }
        else if (type == 2 && kind == "turn") current.Timing.Turn(turnStatus == "complete");
        else if (type == 3)
        {
            pending = null;
            if (error is null) current.Done.TrySetResult();
            else current.Done.TrySetException(new InvalidOperationException($"The hub answered: {error}"));
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (keepAlive is not null) await keepAlive.DisposeAsync();
        try
        {
            if (socket.State == WebSocketState.Open)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
        }
        socket.Abort();
        await reading;
        // The semaphore is not disposed: a keep-alive already under way may still release it.
        socket.Dispose();
    }
}
