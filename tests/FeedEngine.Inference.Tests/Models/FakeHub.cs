using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace FeedEngine.Inference.Tests.Models;

/// <summary>
/// A Hugging Face hub stand-in on 127.0.0.1: the tree API (<c>/api/models/{repo}/tree/{revision}/{folder}</c>) and
/// file downloads (<c>/{repo}/resolve/{revision}/{path}</c>) with Range support. Tests add files, then break things.
/// </summary>
public sealed class FakeHub : IAsyncDisposable
{
    readonly WebApplication app;
    readonly ConcurrentDictionary<string, HubFile> files = new(StringComparer.Ordinal);

    FakeHub(WebApplication app) => this.app = app;

    public Uri Endpoint { get; private set; } = null!;

    /// <summary>Range headers of file requests, in order ("" when none).</summary>
    public ConcurrentQueue<(string Path, string Range, string? Authorization)> FileRequests { get; } = new();

    /// <summary>Stop the next download of this path after this many bytes (the connection is cut).</summary>
    public ConcurrentDictionary<string, long> CutAfter { get; } = new(StringComparer.Ordinal);

    /// <summary>When set, every request without this bearer token gets 401.</summary>
    public string? RequiredToken { get; set; }

    public static async Task<FakeHub> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var hub = new FakeHub(app);
        app.MapGet("/api/models/{owner}/{name}/tree/{revision}/{**folder}", hub.TreeAsync);
        app.MapGet("/{owner}/{name}/resolve/{revision}/{**path}", hub.ResolveAsync);
        await app.StartAsync();
        hub.Endpoint = new Uri(app.Urls.First() + "/");
        return hub;
    }

    /// <summary>Publishes a file; <paramref name="lfs"/> files get a sha256 (LFS oid), others a git blob sha1. <paramref name="served"/> replaces the bytes actually sent.</summary>
    public void Add(string repository, string path, byte[] content, bool lfs, byte[]? served = null)
    {
        var gitOid = Convert.ToHexStringLower(SHA1.HashData([.. Encoding.ASCII.GetBytes($"blob {content.Length}\0"), .. content]));
        files[$"{repository}/{path}"] = new HubFile(path, content, served ?? content, gitOid, lfs ? Convert.ToHexStringLower(SHA256.HashData(content)) : null);
    }

    async Task TreeAsync(HttpContext context, string owner, string name, string revision, string? folder)
    {
        if (!Authorized(context))
            return;
        var prefix = $"{owner}/{name}/";
        var inFolder = files.Where(f => f.Key.StartsWith(prefix, StringComparison.Ordinal) && Path.GetDirectoryName(f.Value.Path)!.Replace('\\', '/') == (folder ?? "")).ToList();
        if (inFolder.Count == 0)
        {
            context.Response.StatusCode = 404;
            await context.Response.WriteAsJsonAsync(new { error = "Repository not found" });
            return;
        }
        await context.Response.WriteAsJsonAsync(inFolder.Select(f => f.Value.Sha256 is null
            ? (object)new { type = "file", oid = f.Value.GitOid, size = f.Value.Content.Length, path = f.Value.Path }
            : new { type = "file", oid = f.Value.GitOid, size = f.Value.Content.Length, path = f.Value.Path, lfs = new { oid = f.Value.Sha256, size = f.Value.Content.Length, pointerSize = 134 } })
            .Append(new { type = "directory", oid = "0", size = 0, path = (folder ?? "") + "/nested" }));
    }

    async Task ResolveAsync(HttpContext context, string owner, string name, string revision, string path)
    {
        FileRequests.Enqueue((path, context.Request.Headers.Range.ToString(), context.Request.Headers.Authorization.FirstOrDefault()));
        if (!Authorized(context))
            return;
        if (!files.TryGetValue($"{owner}/{name}/{path}", out var file))
        {
            context.Response.StatusCode = 404;
            return;
        }
        var start = 0L;
        if (Microsoft.Net.Http.Headers.RangeHeaderValue.TryParse(context.Request.Headers.Range.ToString(), out var range) && range.Ranges.First().From is { } from)
        {
            if (from >= file.Served.Length)
            {
                context.Response.StatusCode = 416;
                return;
            }
            start = from;
            context.Response.StatusCode = 206;
            context.Response.Headers.ContentRange = $"bytes {from}-{file.Served.Length - 1}/{file.Served.Length}";
        }
        context.Response.ContentLength = file.Served.Length - start;
        if (CutAfter.TryRemove(path, out var cut))
        {
            await context.Response.Body.WriteAsync(file.Served.AsMemory((int)start, (int)Math.Min(cut, file.Served.Length - start)));
            await context.Response.Body.FlushAsync();
            context.Abort();
            return;
        }
        await context.Response.Body.WriteAsync(file.Served.AsMemory((int)start));
    }

    bool Authorized(HttpContext context)
    {
        if (RequiredToken is null || context.Request.Headers.Authorization.ToString() == $"Bearer {RequiredToken}")
            return true;
        context.Response.StatusCode = 401;
        return false;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    sealed record HubFile(string Path, byte[] Content, byte[] Served, string GitOid, string? Sha256);
}
