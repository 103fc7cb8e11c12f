using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FeedEngine.Engine.Memory;
using FeedEngine.Storage.Memory;
using FeedEngine.Storage.Sessions;
using FeedEngine.Web.Tests.Sessions;
using Microsoft.Extensions.DependencyInjection;

namespace FeedEngine.Web.Tests.Memory;

/// <summary>The viewer's memory API (list, delete one, delete all, on/off), and one extraction through the generated ONNX model.</summary>
[Collection(HubCollection.Name)]
public sealed class MemoryApiTests(HubApp app)
{
    IMemoryRepository Facts => app.Services.GetRequiredService<IMemoryRepository>();

    async Task<(HttpClient Client, string ViewerId)> ViewerAsync()
    {
        var (client, account, _, _) = await app.SignUpAsync();
        return (client, account.UserId);
    }

    async Task<MemoryFactDocument> RememberAsync(string viewerId, long turnSeq, string text)
    {
        var fact = new MemoryFactDocument
        {
            Id = MemoryFactDocument.MakeId(viewerId, "session-1", turnSeq, 0),
            ViewerId = viewerId,
            PostId = "demo-lighthouse",
            Text = text,
            SourceSessionId = "session-1",
            SourceTurnSeq = turnSeq,
            SourceText = "my dog is called Biscuit",
            CreatedAt = DateTime.UtcNow.AddMinutes(turnSeq),
        };
        Assert.Equal(Storage.WriteOutcome.Ok, await Facts.InsertAsync(fact));
        return fact;
    }

    [Fact]
    public async Task Memory_listDeleteOneDeleteAll_affectOnlyTheViewersFacts()
    {
        var (client, viewerId) = await ViewerAsync();
        var (_, otherId) = await ViewerAsync();
        var biscuit = await RememberAsync(viewerId, 1, "The viewer's dog is called Biscuit.");
        await RememberAsync(viewerId, 3, "The viewer loves jazz records.");
        var others = await RememberAsync(otherId, 1, "Someone else's fact.");

        var list = await client.GetFromJsonAsync<JsonElement>("/api/me/memory");
        Assert.True(list.GetProperty("memoryOn").GetBoolean());
        var items = list.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["The viewer loves jazz records.", "The viewer's dog is called Biscuit."], items.Select(i => i.GetProperty("text").GetString()));
        var first = items[1];
        Assert.Equal(("viewer", "session-1", 1L, "my dog is called Biscuit"),
            (first.GetProperty("scope").GetString(), first.GetProperty("sourceSessionId").GetString(), first.GetProperty("sourceTurnSeq").GetInt64(), first.GetProperty("sourceText").GetString()));

        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync($"/api/me/memory/{Uri.EscapeDataString(others.Id)}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/me/memory/{Uri.EscapeDataString(biscuit.Id)}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync($"/api/me/memory/{Uri.EscapeDataString(biscuit.Id)}")).StatusCode);
        Assert.Single((await client.GetFromJsonAsync<JsonElement>("/api/me/memory")).GetProperty("items").EnumerateArray());

        var deleted = await (await client.DeleteAsync("/api/me/memory")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, deleted.GetProperty("deleted").GetInt64());
        Assert.Empty(await Facts.ListAsync(viewerId));
        Assert.Single(await Facts.ListAsync(otherId));
    }

    [Fact]
    public async Task MemorySettings_turnOffAndOn_isStoredAndShown()
    {
        var (client, _) = await ViewerAsync();

        var off = await client.PutAsJsonAsync("/api/me/memory/settings", new { memoryOn = false });
        Assert.Equal(HttpStatusCode.OK, off.StatusCode);
        Assert.False((await client.GetFromJsonAsync<JsonElement>("/api/me/memory/settings")).GetProperty("memoryOn").GetBoolean());
        Assert.False((await client.GetFromJsonAsync<JsonElement>("/api/me/memory")).GetProperty("memoryOn").GetBoolean());

        await client.PutAsJsonAsync("/api/me/memory/settings", new { memoryOn = true });
        Assert.True((await client.GetFromJsonAsync<JsonElement>("/api/me/memory/settings")).GetProperty("memoryOn").GetBoolean());
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"memoryOn\":\"yes\"}")]
    [InlineData("{\"memoryOn\":")]
    [InlineData("[true]")]
    public async Task MemorySettings_malformedBody_is400AndChangesNothing(string body)
    {
        var (client, _) = await ViewerAsync();
        await client.PutAsJsonAsync("/api/me/memory/settings", new { memoryOn = false });

        var response = await client.PutAsync("/api/me/memory/settings", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False((await client.GetFromJsonAsync<JsonElement>("/api/me/memory/settings")).GetProperty("memoryOn").GetBoolean());
    }

    [Fact]
    public async Task Memory_withoutAToken_is401()
    {
        using var anonymous = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/me/memory")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.DeleteAsync("/api/me/memory")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PutAsJsonAsync("/api/me/memory/settings", new { memoryOn = false })).StatusCode);
    }

    [Fact]
    public async Task Extraction_throughTheGeneratedOnnxModel_runsAndStoresOnlyFactsTiedToATurn()
    {
        var (_, viewerId) = await ViewerAsync();
        var extractor = app.Services.GetRequiredService<MemoryExtractor>();
        TurnDocument[] said = [new() { Seq = 1, Role = TurnRole.Viewer, AuthorId = viewerId, Text = "My dog is called Biscuit." }];

        var result = await extractor.ExtractAsync(new MemorySource(viewerId, "demo-lighthouse", "onnx-session", said), CancellationToken.None);

        // The random-weight model writes text (so it was asked and answered); it is not the JSON asked for, so nothing is kept.
        Assert.True(result.AnswerCharacters > 0, "The ONNX model gave no answer.");
        var facts = await Facts.ListAsync(viewerId);
        Assert.Equal(result.Stored, facts.Count);
        Assert.All(facts, f => Assert.Equal((1L, "onnx-session"), (f.SourceTurnSeq, f.SourceSessionId)));
    }
}
