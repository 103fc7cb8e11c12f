using System.Text.Json;
using Microsoft.JSInterop;

namespace FeedEngine.Web.Client.Talk;

/// <summary>
/// What this tab remembers in sessionStorage so a refresh picks up where it was: the open conversation (post id) and,
/// per post, the session id and the last event seen. sessionStorage is per tab and goes when the tab closes.
/// </summary>
public sealed class SessionMemory(IJSRuntime js)
{
    const string OpenKey = "feedengine.open";
    const string SessionPrefix = "feedengine.session.";

    public ValueTask<string?> GetOpenPostAsync() => js.InvokeAsync<string?>("sessionStorage.getItem", OpenKey);

    public ValueTask SetOpenPostAsync(string? postId) => postId is null
        ? js.InvokeVoidAsync("sessionStorage.removeItem", OpenKey)
        : js.InvokeVoidAsync("sessionStorage.setItem", OpenKey, postId);

    public async ValueTask<RememberedSession?> GetAsync(string postId)
    {
        var json = await js.InvokeAsync<string?>("sessionStorage.getItem", SessionPrefix + postId);
        if (string.IsNullOrEmpty(json)) return null;
        try
        {
            return JsonSerializer.Deserialize<RememberedSession>(json, JsonSerializerOptions.Web);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public ValueTask SetAsync(string postId, RememberedSession session) =>
        js.InvokeVoidAsync("sessionStorage.setItem", SessionPrefix + postId, JsonSerializer.Serialize(session, JsonSerializerOptions.Web));
}

/// <summary>A session this tab talked in, and the last event it has shown.</summary>
public sealed record RememberedSession(string SessionId, long LastSeq);
