using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace FeedEngine.Media.Tests.Uploads;

/// <summary>
/// Streams a multipart upload over a raw socket, with a declared <c>Content-Length</c> or <c>Transfer-Encoding: chunked</c>,
/// while reading the response at the same time, as a browser does. HttpClient gives up with a send error when the server
/// answers early and closes; this reads the answer the server actually sent.
/// </summary>
static class RawUpload
{
    public sealed record Answer(int Status, string ContentType, JsonElement? Problem);

    /// <param name="fileLength">The file's length, to declare the body's length; null sends the body chunked.</param>
    public static async Task<Answer> PostAsync(Uri server, string user, string fileName, string declaredType, Stream file, long? fileLength, bool expectContinue = false)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(server.Host, server.Port);
        var network = tcp.GetStream();
        const string Boundary = "feedengine-test-boundary";
        var preamble = Encoding.ASCII.GetBytes($"--{Boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{fileName}\"\r\nContent-Type: {declaredType}\r\n\r\n");
        var epilogue = Encoding.ASCII.GetBytes($"\r\n--{Boundary}--\r\n");
        var framing = fileLength is { } length ? $"Content-Length: {preamble.Length + length + epilogue.Length}" : "Transfer-Encoding: chunked";
        var head = $"POST /api/images HTTP/1.1\r\nHost: {server.Authority}\r\nX-Test-User: {user}\r\n" +
                   $"Content-Type: multipart/form-data; boundary={Boundary}\r\n{framing}\r\n" + (expectContinue ? "Expect: 100-continue\r\n" : "") + "\r\n";
        await network.WriteAsync(Encoding.ASCII.GetBytes(head));

        var reading = ReadAnswerAsync(network);
        var chunked = fileLength is null;
        try
        {
            if (expectContinue) await Task.WhenAny(reading, Task.Delay(TimeSpan.FromSeconds(1)));
            await WriteAsync(network, preamble, chunked);
            var buffer = new byte[64 * 1024];
            int read;
            while (!reading.IsCompleted && (read = await file.ReadAsync(buffer)) > 0)
                await WriteAsync(network, buffer.AsMemory(0, read), chunked);
            await WriteAsync(network, epilogue, chunked);
            if (chunked) await network.WriteAsync("0\r\n\r\n"u8.ToArray());
        }
        catch (IOException)
        {
            // The server closed the connection after answering; the answer is what matters.
        }
        return await reading.WaitAsync(TimeSpan.FromSeconds(60));
    }

    static async Task WriteAsync(NetworkStream network, ReadOnlyMemory<byte> data, bool chunked)
    {
        if (chunked) await network.WriteAsync(Encoding.ASCII.GetBytes($"{data.Length:x}\r\n"));
        await network.WriteAsync(data);
        if (chunked) await network.WriteAsync("\r\n"u8.ToArray());
    }

    /// <summary>Reads until the response is complete (a chunked body's last chunk, or the connection closing).</summary>
    static async Task<Answer> ReadAnswerAsync(NetworkStream network)
    {
        var received = new MemoryStream();
        var buffer = new byte[16 * 1024];
        while (true)
        {
            int read;
            try { read = await network.ReadAsync(buffer); }
            catch (IOException) { break; }
            if (read == 0) break;
            received.Write(buffer, 0, read);
            var text = FinalResponse(Encoding.UTF8.GetString(received.ToArray()));
            if (text.Contains("\r\n\r\n") && (text.EndsWith("\r\n0\r\n\r\n") || IsCompleteWithLength(text))) break;
        }

        var response = FinalResponse(Encoding.UTF8.GetString(received.ToArray()));
        var status = int.Parse(response.Split(' ', 3)[1]);
        var headers = response[..response.IndexOf("\r\n\r\n", StringComparison.Ordinal)];
        var contentType = headers.Split("\r\n").FirstOrDefault(h => h.StartsWith("Content-Type:", StringComparison.OrdinalIgnoreCase))?.Split(':', 2)[1].Trim() ?? "";
        var (start, end) = (response.IndexOf('{'), response.LastIndexOf('}'));
        JsonElement? problem = start >= 0 && end > start ? JsonDocument.Parse(response[start..(end + 1)]).RootElement : null;
        return new Answer(status, contentType, problem);
    }

    /// <summary>Drops interim <c>100 Continue</c> responses.</summary>
    static string FinalResponse(string text)
    {
        while (text.StartsWith("HTTP/1.1 100", StringComparison.Ordinal) && text.IndexOf("\r\n\r\n", StringComparison.Ordinal) is >= 0 and var end)
            text = text[(end + 4)..];
        return text;
    }

    static bool IsCompleteWithLength(string text)
    {
        var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var length = text[..split].Split("\r\n").FirstOrDefault(h => h.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
        return length is not null && Encoding.UTF8.GetByteCount(text[(split + 4)..]) >= int.Parse(length.Split(':', 2)[1].Trim());
    }
}
