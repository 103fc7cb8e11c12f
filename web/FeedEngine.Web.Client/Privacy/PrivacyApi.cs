using System.Net.Http.Json;
using FeedEngine.Web.Client.Social;

namespace FeedEngine.Web.Client.Privacy;

/// <summary>What FeedEngine remembers about the viewer, one fact: what, and the message (post, turn) it came from.</summary>
public sealed record MemoryFact(
    string FactId, string Text, string Scope, string PostId, string SourceSessionId, long SourceTurnSeq, string SourceText, DateTime CreatedAt, string? PostTitle);

public sealed record MemoryList(bool MemoryOn, IReadOnlyList<MemoryFact> Items);

public sealed record MemorySettings(bool MemoryOn);

public sealed record MemoryDeleted(long Deleted);

public sealed record AccountDeleted(long Sessions, long Turns, long MemoryFacts, long PostStates);

/// <summary>The memory and privacy page's calls: list and forget memories, memory on/off, download my data, delete my account.</summary>
public sealed class PrivacyApi(FeedApi api)
{
    public Task<MemoryList> GetMemoryAsync(CancellationToken cancellationToken = default) =>
        api.ReadAsync<MemoryList>(HttpMethod.Get, "api/me/memory", cancellationToken);

    public async Task ForgetAsync(string factId, CancellationToken cancellationToken = default) =>
        (await api.SendAsync(HttpMethod.Delete, $"api/me/memory/{Uri.EscapeDataString(factId)}", cancellationToken)).Dispose();

    public Task<MemoryDeleted> ForgetAllAsync(CancellationToken cancellationToken = default) =>
        api.ReadAsync<MemoryDeleted>(HttpMethod.Delete, "api/me/memory", cancellationToken);

    public Task<MemorySettings> SetMemoryAsync(bool on, CancellationToken cancellationToken = default) =>
        api.ReadAsync<MemorySettings>(HttpMethod.Put, "api/me/memory/settings", cancellationToken, () => JsonContent.Create(new MemorySettings(on)));

    /// <summary>The viewer's data export as the server wrote it (indented JSON).</summary>
    public async Task<string> ExportAsync(CancellationToken cancellationToken = default)
    {
        using var response = await api.SendAsync(HttpMethod.Get, "api/me/export", cancellationToken);
        return await response.Content.ReadAsStringAsync(cancellationToken);
    }

    public Task<AccountDeleted> DeleteAccountAsync(CancellationToken cancellationToken = default) =>
        api.ReadAsync<AccountDeleted>(HttpMethod.Delete, "api/me/account", cancellationToken);
}
