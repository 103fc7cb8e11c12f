using System.Net.Http.Json;
using System.Text.Json;

namespace FeedEngine.Web.Tests;

/// <summary>A ProblemDetails body as the API sends it.</summary>
public sealed record Problem(string? Title, int? Status, string? Detail, Dictionary<string, string[]>? Errors)
{
    public static async Task<Problem> ReadAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (await response.Content.ReadFromJsonAsync<Problem>(new JsonSerializerOptions(JsonSerializerDefaults.Web)))!;
    }
}
