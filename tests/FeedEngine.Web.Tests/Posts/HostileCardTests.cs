using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using FeedEngine.TestSupport;
using static FeedEngine.Web.Tests.Posts.PostsApi;

namespace FeedEngine.Web.Tests.Posts;

/// <summary>Broken and hostile card files sent to <c>POST /api/posts/import</c>: each gets a clear 4xx and stores no post.</summary>
[Collection(AppCollection.Name)]
public sealed class HostileCardTests(FeedEngineApp app)
{
    public static TheoryData<string, byte[], string, HttpStatusCode, string> Corpus()
    {
        static JsonObject Card(Action<JsonObject> change)
        {
            var card = TestCards.V2();
            change(card);
            return card;
        }
        var deep = new StringBuilder("{\"spec\":\"chara_card_v2\",\"data\":{\"name\":\"Deep\",\"extensions\":");
        for (var i = 0; i < 5_000; i++) deep.Append("[");
        deep.Append(']', 5_000).Append("}}");

        return new()
        {
            { "wrong spec", TestCards.Utf8(Card(c => c["spec"] = "tavern_card")), "card.json", HttpStatusCode.BadRequest, "chara_card_v2 and chara_card_v3" },
            { "no data", TestCards.Utf8(Card(c => c.Remove("data"))), "card.json", HttpStatusCode.BadRequest, "no \"data\" object" },
            { "no name", TestCards.Utf8(Card(c => c["data"]!.AsObject().Remove("name"))), "card.json", HttpStatusCode.BadRequest, "The card cannot be imported" },
            { "name of the wrong type", TestCards.Utf8(Card(c => c["data"]!["name"] = 42)), "card.json", HttpStatusCode.BadRequest, "The card cannot be imported" },
            { "huge description", TestCards.Utf8(Card(c => c["data"]!["description"] = new string('d', 60_000))), "card.json", HttpStatusCode.BadRequest, "The card cannot be imported" },
            { "script in first_mes", TestCards.Utf8(Card(c => c["data"]!["first_mes"] = "<script>alert(1)</script>")), "card.json", HttpStatusCode.BadRequest, "The card cannot be imported" },
            { "entry without keys", TestCards.Utf8(Card(c => c["data"]!["character_book"]!["entries"]![0]!["keys"] = new JsonArray())), "card.json", HttpStatusCode.BadRequest, "The card cannot be imported" },
            { "json over 2 MB", TestCards.Utf8(Card(c => c["data"]!["extensions"]!["blob"] = new string('b', 2_200_000))), "card.json", HttpStatusCode.RequestEntityTooLarge, "at most 2 MB" },
            { "deeply nested", Encoding.UTF8.GetBytes(deep.ToString()), "card.json", HttpStatusCode.BadRequest, "nested more than 64 levels" },
            { "not utf-8", Encoding.Latin1.GetBytes(TestCards.V2().ToJsonString().Replace("Wren", "Wrén")), "card.json", HttpStatusCode.BadRequest, "not valid UTF-8" },
            { "truncated json", TestCards.Utf8(TestCards.V2())[..300], "card.json", HttpStatusCode.BadRequest, "not valid JSON" },
            { "plain text", "name: Wren"u8.ToArray(), "card.txt", HttpStatusCode.UnsupportedMediaType, "neither a PNG nor a JSON" },
            { "png without a card", TestCards.Picture(), "picture.png", HttpStatusCode.BadRequest, "no character card in it" },
            { "bad base64", TestCards.WithTextChunks(TestCards.Picture(), ("chara", "%%%not base64%%%")), "card.png", HttpStatusCode.BadRequest, "not valid base64" },
            { "truncated png", TestCards.PngCard(TestCards.V2())[..400], "card.png", HttpStatusCode.BadRequest, "cut off" },
            { "png bomb", TestCards.PngBomb(TestCards.V2()), "bomb.png", HttpStatusCode.RequestEntityTooLarge, "100,000 x 100,000 pixels" },
        };
    }

    [Theory, MemberData(nameof(Corpus))]
    public async Task Import_hostileOrBrokenCard_clear4xxAndNothingStored(string name, byte[] file, string fileName, HttpStatusCode status, string says)
    {
        var (creator, _, _, _) = await app.SignUpAsync("creator");

        var response = await creator.PostAsync("/api/posts/import", File(file, fileName));

        Assert.True(status == response.StatusCode, $"{name}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var problem = await Problem.ReadAsync(response);
        Assert.Contains(says, problem.Detail);
        Assert.Empty((await OkAsync(await creator.GetAsync("/api/posts"))).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task Import_invalidCard_errorsNameTheCardFields()
    {
        var (creator, _, _, _) = await app.SignUpAsync("creator");
        var card = TestCards.V2();
        card["data"]!["description"] = new string('d', 20_000);
        card["data"]!["character_book"]!["entries"]![2]!["enabled"] = true;
        card["data"]!["character_book"]!["entries"]![2]!["keys"] = new JsonArray();
        card["data"]!["alternate_greetings"]![1] = "<iframe src=//evil></iframe>";

        var response = await creator.PostAsync("/api/posts/import", File(TestCards.Utf8(card), "card.json"));

        var problem = await Problem.ReadAsync(response);
        Assert.Contains("about 5,000 tokens", Assert.Single(problem.Errors!["data.description"]));
        Assert.Contains("has no keys", Assert.Single(problem.Errors["data.character_book.entries[2].keys"]));
        Assert.Contains("active web content", Assert.Single(problem.Errors["data.alternate_greetings[1]"]));
    }

    [Fact]
    public async Task Import_declaredBodyOverTheLimit_413BeforeReading()
    {
        var (_, account, _, _) = await app.SignUpAsync("creator");
        // No redirect handler: it would buffer the request body before sending it.
        var creator = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        creator.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", account.AccessToken);
        var content = new StreamContent(new EndlessStream());
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=x");
        content.Headers.ContentLength = 200L * 1024 * 1024;

        var response = await creator.PostAsync("/api/posts/import", content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("at most", (await Problem.ReadAsync(response)).Detail);
    }

    [Fact]
    public async Task Import_notMultipartOrNoFileField_saysHowToSend()
    {
        var (creator, _, _, _) = await app.SignUpAsync("creator");

        var json = await creator.PostAsync("/api/posts/import", new ByteArrayContent(TestCards.Utf8(TestCards.V2())) { Headers = { ContentType = new("application/json") } });
        var wrongField = await creator.PostAsync("/api/posts/import", File(TestCards.Utf8(TestCards.V2()), "card.json", field: "card"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, json.StatusCode);
        Assert.Contains("field named \"file\"", (await Problem.ReadAsync(json)).Detail);
        Assert.Equal(HttpStatusCode.BadRequest, wrongField.StatusCode);
        Assert.Contains("no field named \"file\"", (await Problem.ReadAsync(wrongField)).Detail);
    }

    /// <summary>A body that never ends; the server must refuse it from its declared length without reading it.</summary>
    sealed class EndlessStream : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => 0; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) { Array.Fill(buffer, (byte)'x', offset, count); return count; }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
