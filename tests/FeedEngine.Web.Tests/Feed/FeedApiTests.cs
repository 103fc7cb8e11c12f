using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FeedEngine.Web.Client.Feed;

namespace FeedEngine.Web.Tests.Feed;

[Collection(AppCollection.Name)]
public sealed class FeedApiTests(FeedEngineApp app)
{
    [Fact]
    public async Task Feed_firstPage_listsTheSeededPostsWithTheContractFields()
    {
        var response = await app.CreateClient().GetAsync("/api/feed");

        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var items = json.RootElement.GetProperty("items").EnumerateArray().ToList();
        Assert.True(items.Count >= 5);
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("cursor").ValueKind);
        var lighthouse = items.Single(i => i.GetProperty("postId").GetString() == "demo-lighthouse");
        Assert.Equal("post", lighthouse.GetProperty("kind").GetString());
        Assert.Equal("The Lighthouse at Gull's End", lighthouse.GetProperty("title").GetString());
        Assert.Equal("game", lighthouse.GetProperty("postKind").GetString());
        Assert.Equal("FeedEngine Studio", lighthouse.GetProperty("creator").GetProperty("displayName").GetString());
        Assert.False(string.IsNullOrEmpty(lighthouse.GetProperty("hook").GetString()));
        // The seeded cover went through the upload pipeline and is served without a token.
        var cover = await app.CreateClient().GetAsync(lighthouse.GetProperty("coverUrl").GetString());
        Assert.Equal(HttpStatusCode.OK, cover.StatusCode);
        Assert.StartsWith("image/", cover.Content.Headers.ContentType?.MediaType);
        // Viewers never receive hidden instructions or the persona.
        Assert.DoesNotContain("Edwin Marsh faked", json.RootElement.GetRawText());
        Assert.DoesNotContain("persona", json.RootElement.GetRawText(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Feed_pagesOfTwo_walkEveryPostOnce()
    {
        var client = app.CreateClient();
        var all = await client.GetFromJsonAsync<FeedPage>("/api/feed?pageSize=50");
        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await client.GetFromJsonAsync<FeedPage>($"/api/feed?pageSize=2{(cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor))}");
            Assert.InRange(page!.Items.Count, 1, 2);
            seen.AddRange(page.Items.Select(i => i.PostId));
            cursor = page.Cursor;
            pages++;
        }
        while (cursor is not null && pages < 50);

        Assert.Equal(all!.Items.Select(i => i.PostId).Order(), seen.Order());
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.All(all.Items, i => Assert.False(string.IsNullOrWhiteSpace(i.Why)));
    }

    [Theory]
    [InlineData("pageSize=51")]
    [InlineData("pageSize=0")]
    [InlineData("pageSize=-3")]
    public async Task Feed_pageSizeOutOfRange_400(string query)
    {
        var response = await app.CreateClient().GetAsync($"/api/feed?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("pageSize", (await Problem.ReadAsync(response)).Detail);
    }

    [Theory]
    [InlineData("not-a-cursor!")]
    [InlineData("Zm9vYmFy")]
    [InlineData("OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5OmRlbW8")]
    [InlineData("MTIzOi4uLy4uL2V0Yy9wYXNzd2Q")]
    [InlineData("AQAAAAAAAAAAAQID")]
    [InlineData("Af__________fwAAAAA")]
    public async Task Feed_malformedCursor_400(string cursor)
    {
        var response = await app.CreateClient().GetAsync($"/api/feed?cursor={Uri.EscapeDataString(cursor)}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("cursor", (await Problem.ReadAsync(response)).Detail);
    }

    [Fact]
    public async Task Feed_hugeCursor_400()
    {
        var response = await app.CreateClient().GetAsync($"/api/feed?cursor={new string('A', 20_000)}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Feed_pageSizeNotANumber_400()
    {
        var response = await app.CreateClient().GetAsync("/api/feed?pageSize=lots");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Feed_teenRatedPost_hiddenWithoutABirthYear_shownToATeen()
    {
        var anonymous = await app.CreateClient().GetFromJsonAsync<FeedPage>("/api/feed?pageSize=50");
        var (noYear, _, _, _) = await app.SignUpAsync();
        var (teen, _, _, _) = await app.SignUpAsync(birthYear: DateTime.UtcNow.Year - 16);

        var withoutYear = await noYear.GetFromJsonAsync<FeedPage>("/api/feed?pageSize=50");
        var teenFeed = await teen.GetFromJsonAsync<FeedPage>("/api/feed?pageSize=50");

        Assert.DoesNotContain(anonymous!.Items, i => i.PostId == "demo-dorm-13");
        Assert.DoesNotContain(withoutYear!.Items, i => i.PostId == "demo-dorm-13");
        Assert.Contains(teenFeed!.Items, i => i.PostId == "demo-dorm-13" && i.AgeRating == "teen");
    }
}
