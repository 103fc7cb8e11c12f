using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.JSInterop;

namespace FeedEngine.Web.Client.Talk;

/// <summary>
/// The access token the feed's browser code sends to the API and the hub. A person signed in with the site's cookie gets
/// a short-lived token from <c>GET /api/auth/browser-token</c>; anyone else continues as a guest
/// (<c>POST /api/auth/guest</c>), whose token is kept in localStorage so a refresh stays the same guest.
/// </summary>
public sealed class ViewerToken(HttpClient http, IJSRuntime js, TimeProvider clock)
{
    const string GuestKey = "feedengine.guest";
    static readonly TimeSpan RenewBefore = TimeSpan.FromMinutes(1);
    readonly SemaphoreSlim gate = new(1, 1);
    Issued? current;

    /// <summary>The viewer's id once a token is known (the guest's or the signed-in account's).</summary>
    public string? ViewerId => current?.UserId;

    public async Task<string> GetAsync(CancellationToken cancellationToken = default)
    {
        if (current is { } fresh && fresh.ExpiresAt - RenewBefore > clock.GetUtcNow()) return fresh.AccessToken;
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (current is { } again && again.ExpiresAt - RenewBefore > clock.GetUtcNow()) return again.AccessToken;
            current = await SignedInAsync(cancellationToken) ?? await StoredGuestAsync() ?? await NewGuestAsync(cancellationToken);
            return current.AccessToken;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Forgets the token (after the API refused it), so the next call gets a fresh one.</summary>
    public async Task ForgetAsync()
    {
        current = null;
        await js.InvokeVoidAsync("localStorage.removeItem", GuestKey);
    }

    async Task<Issued?> SignedInAsync(CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync("api/auth/browser-token", cancellationToken);
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound || !response.IsSuccessStatusCode) return null;
        var token = await response.Content.ReadFromJsonAsync<TokenBody>(cancellationToken);
        return token is null ? null : new Issued(token.AccessToken, token.ExpiresAt, token.UserId);
    }

    async Task<Issued?> StoredGuestAsync()
    {
        var stored = await js.InvokeAsync<string?>("localStorage.getItem", GuestKey);
        if (string.IsNullOrEmpty(stored)) return null;
        try
        {
            var guest = JsonSerializer.Deserialize<Issued>(stored, JsonSerializerOptions.Web);
            return guest is not null && guest.ExpiresAt - RenewBefore > clock.GetUtcNow() ? guest : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    async Task<Issued> NewGuestAsync(CancellationToken cancellationToken)
    {
        using var response = await http.PostAsync("api/auth/guest", null, cancellationToken);
        response.EnsureSuccessStatusCode();
        var guest = await response.Content.ReadFromJsonAsync<GuestBody>(cancellationToken)
            ?? throw new HttpRequestException("The guest sign-in answered with an empty body.");
        var issued = new Issued(guest.AccessToken, guest.ExpiresAt, guest.ViewerId);
        await js.InvokeVoidAsync("localStorage.setItem", GuestKey, JsonSerializer.Serialize(issued, JsonSerializerOptions.Web));
        return issued;
    }

    sealed record Issued(string AccessToken, DateTimeOffset ExpiresAt, string UserId);

    sealed record TokenBody(string AccessToken, DateTimeOffset ExpiresAt, string UserId);

    sealed record GuestBody(string AccessToken, string ViewerId, DateTimeOffset ExpiresAt);
}
