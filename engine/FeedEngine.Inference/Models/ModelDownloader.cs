using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace FeedEngine.Inference.Models;

/// <summary>A download that cannot finish: the hub refused, a file is missing, or a file's checksum does not match.</summary>
public sealed class ModelDownloadException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Downloads a catalog entry from a Hugging Face hub (or a mirror with the same API) into a folder:
/// reads each file's size and checksum from the hub's tree API, resumes partial files with HTTP Range,
/// verifies every file (sha256 of LFS files, git blob sha1 of small ones) and writes a completion marker.
/// </summary>
public sealed partial class ModelDownloader(HttpClient http, ILogger<ModelDownloader> logger, TimeProvider time)
{
    /// <summary>Written last; a folder without it is an unfinished download.</summary>
    public const string CompletionMarker = ".feedengine-download.json";

    const string PartialSuffix = ".partial";
    static readonly TimeSpan ReportEvery = TimeSpan.FromMilliseconds(500);
    static readonly TimeSpan LogEvery = TimeSpan.FromSeconds(5);

    public static bool IsComplete(string folder) => File.Exists(Path.Combine(folder, CompletionMarker));

    public async Task DownloadAsync(CatalogEntry entry, string folder, Uri hub, string? token, IProgress<DownloadSnapshot>? progress, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        // A file may sit in a folder of its own (a diffusion pipeline: unet/model.onnx): each folder is listed once.
        var remote = new Dictionary<string, RemoteFile>(StringComparer.Ordinal);
        foreach (var directory in entry.Files.Select(DirectoryOf).Distinct(StringComparer.Ordinal))
        {
            foreach (var (path, file) in await ListFilesAsync(entry, directory, hub, token, cancellationToken).ConfigureAwait(false))
                remote[path] = file;
        }
        var files = entry.Files.Select(name => remote.TryGetValue(name, out var file) ? file
            : throw new ModelDownloadException($"{entry.Repository} has no {Combine(entry.Subfolder, name)} at revision {entry.Revision}.")).ToList();
        var total = files.Sum(f => f.Size);
        var done = 0L;
        var started = time.GetTimestamp();
        LogDownloadStarting(logger, entry.Name, entry.Repository, total / 1_000_000, folder);

        for (var index = 0; index < files.Count; index++)
        {
            var file = files[index];
            var target = Path.Combine(folder, file.Name.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            if (File.Exists(target) && new FileInfo(target).Length == file.Size)
            {
                done += file.Size;
                continue;
            }
            var lastReport = time.GetTimestamp();
            var lastLog = lastReport;
            void Report(long fileBytes, bool force)
            {
                var now = time.GetTimestamp();
                if (!force && time.GetElapsedTime(lastReport, now) < ReportEvery)
                    return;
                lastReport = now;
                var log = force || time.GetElapsedTime(lastLog, now) >= LogEvery;
                if (log)
                    lastLog = now;
                var elapsed = time.GetElapsedTime(started, now).TotalSeconds;
                var snapshot = new DownloadSnapshot(entry.Name, done + fileBytes, total, index, files.Count, file.Name, elapsed > 0 ? (done + fileBytes) / elapsed : 0);
                progress?.Report(snapshot);
                if (log)
                    LogProgress(logger, entry.Name, file.Name, snapshot.Fraction * 100, snapshot.BytesDone / 1_000_000, total / 1_000_000);
            }
            await FetchAsync(entry, file, target, hub, token, Report, cancellationToken).ConfigureAwait(false);
            done += file.Size;
        }

        var marker = JsonSerializer.Serialize(new { entry.Repository, entry.Revision, entry.Subfolder, Files = entry.Files, Completed = time.GetUtcNow() });
        await File.WriteAllTextAsync(Path.Combine(folder, CompletionMarker), marker, cancellationToken).ConfigureAwait(false);
        progress?.Report(new DownloadSnapshot(entry.Name, total, total, files.Count, files.Count, null, 0));
        LogDownloadFinished(logger, entry.Name, folder);
    }

    async Task FetchAsync(CatalogEntry entry, RemoteFile file, string target, Uri hub, string? token, Action<long, bool> report, CancellationToken cancellationToken)
    {
        var partial = target + PartialSuffix;
        var existing = File.Exists(partial) ? new FileInfo(partial).Length : 0;
        if (existing > file.Size)
        {
            File.Delete(partial);
            existing = 0;
        }

        if (existing < file.Size)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(hub, $"{entry.Repository}/resolve/{Uri.EscapeDataString(entry.Revision)}/{EscapePath(Combine(entry.Subfolder, file.Name))}"));
            Authorize(request, token);
            if (existing > 0)
                request.Headers.Range = new RangeHeaderValue(existing, null);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.RequestedRangeNotSatisfiable)
            {
                EnsureSuccess(response, entry, file.Name);
                var resumed = existing > 0 && response.StatusCode == HttpStatusCode.PartialContent;
                if (existing > 0 && !resumed)
                    LogRestart(logger, file.Name);
                var offset = resumed ? existing : 0;
                await using var output = new FileStream(partial, resumed ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
                await using var input = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                var buffer = new byte[1 << 16];
                int read;
                while ((read = await input.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                    offset += read;
                    if (offset > file.Size)
                        break;
                    report(offset, false);
                }
                report(offset, true);
            }
        }

        await HubChecksum.VerifyAsync(file, partial, cancellationToken).ConfigureAwait(false);
        File.Move(partial, target, overwrite: true);
    }

    /// <summary>The files directly in <paramref name="directory"/> (relative to the entry's subfolder), keyed by their path relative to the subfolder.</summary>
    async Task<Dictionary<string, RemoteFile>> ListFilesAsync(CatalogEntry entry, string directory, Uri hub, string? token, CancellationToken cancellationToken)
    {
        var listed = Combine(entry.Subfolder, directory);
        var path = listed.Length == 0 ? "" : "/" + EscapePath(listed);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(hub, $"api/models/{entry.Repository}/tree/{Uri.EscapeDataString(entry.Revision)}{path}"));
        Authorize(request, token);
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        EnsureSuccess(response, entry, directory.Length == 0 ? "(file list)" : directory + "/ (file list)");
        var files = new Dictionary<string, RemoteFile>(StringComparer.Ordinal);
        try
        {
            using var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), cancellationToken: cancellationToken).ConfigureAwait(false);
            foreach (var item in document.RootElement.EnumerateArray())
            {
                if (item.GetProperty("type").GetString() != "file")
                    continue;
                var fullPath = item.GetProperty("path").GetString()!;
                var name = Combine(directory, fullPath[(fullPath.LastIndexOf('/') + 1)..]);
                var size = item.GetProperty("size").GetInt64();
                string? sha256 = null;
                if (item.TryGetProperty("lfs", out var lfs) && lfs.ValueKind == JsonValueKind.Object)
                {
                    sha256 = lfs.GetProperty("oid").GetString();
                    size = lfs.TryGetProperty("size", out var lfsSize) ? lfsSize.GetInt64() : size;
                }
                files[name] = new RemoteFile(name, size, sha256, item.GetProperty("oid").GetString()!);
            }
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new ModelDownloadException($"The hub's file list for {entry.Repository} is not in the expected form: {e.Message}", e);
        }
        return files;
    }

    static void EnsureSuccess(HttpResponseMessage response, CatalogEntry entry, string what)
    {
        if (response.IsSuccessStatusCode)
            return;
        var where = $"{entry.Repository} ({Combine(entry.Subfolder, what)} at {entry.Revision})";
        throw response.StatusCode switch
        {
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => new ModelDownloadException(
                $"The hub refused {where} ({(int)response.StatusCode}). " + (entry.RequiresToken
                    ? "This model is gated: accept its terms on the hub and set Inference:HuggingFaceToken."
                    : "Check Inference:HuggingFaceToken.")),
            HttpStatusCode.NotFound => new ModelDownloadException($"The hub has no {where} (404). Check the catalog entry's repository, revision and files."),
            _ => new ModelDownloadException($"The hub answered {(int)response.StatusCode} {response.ReasonPhrase} for {where}."),
        };
    }

    static void Authorize(HttpRequestMessage request, string? token)
    {
        if (!string.IsNullOrWhiteSpace(token))
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    static string Combine(string folder, string name) => folder.Length == 0 ? name : name.Length == 0 ? folder : $"{folder}/{name}";

    static string DirectoryOf(string file) => file.LastIndexOf('/') is var slash and > 0 ? file[..slash] : "";

    static string EscapePath(string path) => string.Join('/', path.Split('/').Select(Uri.EscapeDataString));

    [LoggerMessage(Level = LogLevel.Information, Message = "Downloading model {Model} from {Repository} ({Megabytes} MB) into {Folder}")]
    static partial void LogDownloadStarting(ILogger logger, string model, string repository, long megabytes, string folder);

    [LoggerMessage(Level = LogLevel.Information, Message = "Model {Model}: {File} {Percent:0.0}% ({Done}/{Total} MB)")]
    static partial void LogProgress(ILogger logger, string model, string file, double percent, long done, long total);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The hub did not resume {File}; downloading it from the start")]
    static partial void LogRestart(ILogger logger, string file);

    [LoggerMessage(Level = LogLevel.Information, Message = "Model {Model} downloaded and verified in {Folder}")]
    static partial void LogDownloadFinished(ILogger logger, string model, string folder);
}

/// <summary>A file as the hub lists it: size, and the sha256 of LFS files or the git blob sha1 of small ones.</summary>
internal sealed record RemoteFile(string Name, long Size, string? Sha256, string GitOid);
