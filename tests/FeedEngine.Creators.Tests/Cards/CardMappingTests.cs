using System.Text.Json;

namespace FeedEngine.Creators.Tests.Cards;

public sealed class CardMappingTests
{
    static PostContent Import(JsonObject card)
    {
        var file = CardReader.Read(TestCards.Utf8(card));
        Assert.True(file.Succeeded, file.Error?.Message);
        var problems = new PostProblems();
        var content = CardImport.ToContent(file.Value, problems);
        Assert.False(problems.Any, string.Join("; ", problems.ToDictionary().SelectMany(p => p.Value)));
        return content;
    }

    [Fact]
    public void ToContent_v2Card_mapsEveryField()
    {
        var post = Import(TestCards.V2());

        Assert.Equal("Wren the Cartographer", post.Title);
        Assert.Equal(PostKind.Character, post.Kind);
        Assert.StartsWith("{{char}} is a travelling mapmaker", post.Persona);
        Assert.Equal("Curious, precise, a little vain about her handwriting.", post.Personality);
        Assert.Equal("{{user}} meets {{char}} in a harbour tavern as a storm rolls in.", post.Scenario);
        Assert.Equal(3, post.Greetings.Count);
        Assert.StartsWith("*Wren spreads a damp map", post.Greetings[0]);
        Assert.Equal("\"Careful, that ink's still wet.\"", post.Greetings[1]);
        Assert.StartsWith("<START>\n{{user}}: Where does this road go?", post.ExampleDialogue);
        Assert.Equal("Works best with short replies. Likes questions about geography.", post.CreatorNotes);
        Assert.Equal("Write {{char}}'s next reply in a vivid, concise style.", post.SystemPrompt);
        Assert.Equal("Stay in character as {{char}}; never describe {{user}}'s actions.", post.HiddenInstructions);
        Assert.Equal(["Fantasy", "adventure", "maps"], post.Tags);
        Assert.Equal(AgeRating.Everyone, post.AgeRating);

        Assert.Equal(3, post.Lore.Count);
        var kessel = post.Lore[0];
        Assert.Equal("Kessel", kessel.Name);
        Assert.Equal(["Kessel", "kessel harbour"], kessel.Keys);
        Assert.Equal(["harbour", "whale"], kessel.SecondaryKeys);
        Assert.Equal("Kessel is a harbour town built on the ribs of a whale.", kessel.Content);
        Assert.Equal(10, kessel.Priority);
        Assert.Equal(100, kessel.InsertionOrder);
        Assert.True(kessel.Selective);
        Assert.True(kessel.Enabled);
        Assert.False(kessel.AlwaysOn);
        using (var extras = JsonDocument.Parse(kessel.ExtrasJson!))
        {
            Assert.Equal(4, extras.RootElement.GetProperty("extensions").GetProperty("depth").GetInt32());
            Assert.Equal("before_char", extras.RootElement.GetProperty("position").GetString());
            Assert.Equal("town", extras.RootElement.GetProperty("comment").GetString());
            Assert.Equal(1, extras.RootElement.GetProperty("id").GetInt32());
            Assert.False(extras.RootElement.GetProperty("case_sensitive").GetBoolean());
        }
        Assert.True(post.Lore[1].AlwaysOn);
        Assert.Empty(post.Lore[1].Keys);
        Assert.Null(post.Lore[1].ExtrasJson); // its only other field was an empty extensions object
        Assert.False(post.Lore[2].Enabled);
        Assert.Equal(-3, post.Lore[2].Priority);

        using var kept = JsonDocument.Parse(post.CardExtrasJson!);
        var root = kept.RootElement;
        Assert.Equal("inkwell", root.GetProperty("creator").GetString());
        Assert.Equal("1.2", root.GetProperty("character_version").GetString());
        Assert.Equal("0.5", root.GetProperty("extensions").GetProperty("talkativeness").GetString());
        Assert.Equal(4, root.GetProperty("extensions").GetProperty("depth_prompt").GetProperty("depth").GetInt32());
        Assert.Equal("[1,2.5,null,true]", root.GetProperty("extensions").GetProperty("chub").GetProperty("related").GetRawText());
        Assert.Equal(512, root.GetProperty("character_book").GetProperty("token_budget").GetInt32());
        Assert.False(root.GetProperty("character_book").TryGetProperty("entries", out _));
        foreach (var mapped in new[] { "name", "description", "first_mes", "alternate_greetings", "tags", "creator_notes" })
            Assert.False(root.TryGetProperty(mapped, out _), $"{mapped} is a post field; it must not be kept twice.");
    }

    [Fact]
    public void ToContent_v3Card_keepsTheV3FieldsForExport()
    {
        var post = Import(TestCards.V3());

        using var kept = JsonDocument.Parse(post.CardExtrasJson!);
        var root = kept.RootElement;
        Assert.Equal("Wren", root.GetProperty("nickname").GetString());
        Assert.Equal(1_700_000_000, root.GetProperty("creation_date").GetInt64());
        Assert.Equal("ccdefault:", root.GetProperty("assets")[0].GetProperty("uri").GetString());
        Assert.Equal("Wren waves at everyone at the table.", root.GetProperty("group_only_greetings")[0].GetString());
        Assert.Equal("Meilleur avec des réponses courtes.", root.GetProperty("creator_notes_multilingual").GetProperty("fr").GetString());
        using var entry = JsonDocument.Parse(post.Lore[0].ExtrasJson!);
        Assert.True(entry.RootElement.GetProperty("use_regex").GetBoolean());
    }

    [Fact]
    public void ToContent_nsfwTag_ratesThePostMature()
    {
        var card = TestCards.V2();
        card["data"]!["tags"] = new JsonArray("romance", "NSFW");

        Assert.Equal(AgeRating.Mature, Import(card).AgeRating);
    }

    [Theory]
    [InlineData("alternate_greetings", "\"not a list\"", "data.alternate_greetings")]
    [InlineData("description", "42", "data.description")]
    [InlineData("tags", "[\"ok\", 7]", "data.tags")]
    [InlineData("character_book", "\"book\"", "data.character_book")]
    public void ToContent_fieldOfTheWrongType_namesTheCardField(string field, string json, string reported)
    {
        var card = TestCards.V2();
        card["data"]![field] = JsonNode.Parse(json);
        var problems = new PostProblems();

        CardImport.ToContent(CardReader.Read(TestCards.Utf8(card)).Value!, problems);

        Assert.Contains(reported, problems.ToDictionary().Keys);
    }

    [Fact]
    public void ToContent_entryWithWrongTypes_namesTheEntryField()
    {
        var card = TestCards.V2();
        card["data"]!["character_book"]!["entries"]![0]!["enabled"] = "yes";
        card["data"]!["character_book"]!["entries"]![0]!["insertion_order"] = "first";
        var problems = new PostProblems();

        CardImport.ToContent(CardReader.Read(TestCards.Utf8(card)).Value!, problems);

        var errors = problems.ToDictionary();
        Assert.Contains("data.character_book.entries[0].enabled", errors.Keys);
        Assert.Contains("data.character_book.entries[0].insertion_order", errors.Keys);
    }

    [Theory]
    [InlineData("title", true, "data.name")]
    [InlineData("persona", true, "data.description")]
    [InlineData("greetings[0]", true, "data.first_mes")]
    [InlineData("greetings[2]", true, "data.alternate_greetings[1]")]
    [InlineData("greetings[0]", false, "data.alternate_greetings[0]")]
    [InlineData("lore[3].keys", true, "data.character_book.entries[3].keys")]
    [InlineData("lore[0].secondaryKeys", true, "data.character_book.entries[0].secondary_keys")]
    [InlineData("stateSchema[1].default", true, "data.extensions.feedengine.stateSchema[1].default")]
    [InlineData("hiddenInstructions", true, "data.post_history_instructions")]
    public void CardField_postField_isTheFieldTheCardAuthorSees(string postField, bool hasFirstMes, string cardField) =>
        Assert.Equal(cardField, CardImport.CardField(postField, hasFirstMes));

    [Theory]
    [InlineData(CardSpec.V2)]
    [InlineData(CardSpec.V3)]
    public void ToCard_importedCard_writesBackEveryFieldOfTheOriginal(CardSpec spec)
    {
        var original = spec == CardSpec.V2 ? TestCards.V2() : TestCards.V3();

        var exported = CardExport.ToCard(Import(original), spec, "Someone else");

        Assert.Equal(original["spec"]!.ToJsonString(), exported["spec"]!.ToJsonString());
        Assert.Equal(original["spec_version"]!.ToJsonString(), exported["spec_version"]!.ToJsonString());
        var expected = original["data"]!.AsObject();
        var actual = exported["data"]!.AsObject();
        foreach (var (key, value) in expected)
        {
            if (key is "extensions" or "character_book") continue;
            Assert.True(JsonNode.DeepEquals(value, actual[key]), $"data.{key}: expected {value?.ToJsonString()}, got {actual[key]?.ToJsonString()}");
        }
        foreach (var (key, value) in expected["extensions"]!.AsObject())
            Assert.True(JsonNode.DeepEquals(value, actual["extensions"]![key]), $"data.extensions.{key}");
        Assert.NotNull(actual["extensions"]![FeedEngineCardExtension.Key]);
        var expectedBook = expected["character_book"]!.AsObject();
        var actualBook = actual["character_book"]!.AsObject();
        foreach (var (key, value) in expectedBook)
        {
            if (key == "entries") continue;
            Assert.True(JsonNode.DeepEquals(value, actualBook[key]), $"character_book.{key}");
        }
        var expectedEntries = expectedBook["entries"]!.AsArray();
        var actualEntries = actualBook["entries"]!.AsArray();
        Assert.Equal(expectedEntries.Count, actualEntries.Count);
        for (var i = 0; i < expectedEntries.Count; i++)
            foreach (var (key, value) in expectedEntries[i]!.AsObject())
                Assert.True(JsonNode.DeepEquals(value, actualEntries[i]![key]), $"entries[{i}].{key}: expected {value?.ToJsonString()}, got {actualEntries[i]![key]?.ToJsonString()}");
    }

    [Theory]
    [InlineData(CardSpec.V2)]
    [InlineData(CardSpec.V3)]
    public void ToCard_thenImport_isAFixedPoint(CardSpec spec)
    {
        var once = CardExport.ToCard(Import(spec == CardSpec.V2 ? TestCards.V2() : TestCards.V3()), spec, "inkwell");
        var twice = CardExport.ToCard(Import(once), spec, "inkwell");

        Assert.True(JsonNode.DeepEquals(once, twice), $"{once.ToJsonString()}\n!=\n{twice.ToJsonString()}");
    }

    [Fact]
    public void ToCard_feedEnginePost_comesBackWithEveryFeedEngineField()
    {
        var post = new PostContent
        {
            Title = "The Lighthouse",
            Kind = PostKind.Game,
            Hook = "The lamp went dark.",
            Persona = "You narrate a coastal mystery.",
            HiddenInstructions = "The keeper hides in the cave.",
            Personality = "Moody.",
            Scenario = "A storm.",
            SystemPrompt = "Be brief.",
            Greetings = ["Rain on the quay.", "Fog everywhere."],
            ExampleDialogue = "Player: hello\nNarrator: The wind answers.",
            Lore = [new LoreEntry { Name = "Cave", Keys = ["cave"], SecondaryKeys = ["tide"], Content = "Under the cliff.", Priority = 5, InsertionOrder = 2, Selective = true }],
            StateSchema =
            [
                new StateVariable { Name = "clues", Type = StateVariableType.Set, AllowedValues = ["map", "boot"], DefaultJson = "[\"map\"]", Description = "Found clues." },
                new StateVariable { Name = "suspicion", Type = StateVariableType.Int, Min = 0, Max = 100, DefaultJson = "10", VisibleToViewer = false },
            ],
            Rules = ["Clues only when found."],
            SuggestedReplies = ["Climb the tower"],
            Tags = ["mystery"],
            AgeRating = AgeRating.Teen,
            AdEligible = false,
            Canon = "The keeper is alive.",
            Visibility = PostVisibility.Unlisted,
            CreatorNotes = "Play slowly.",
        };

        var back = Import(CardExport.ToCard(post, CardSpec.V3, "Studio"));

        back.CardExtrasJson = null; // now remembers the exported card's creator
        Assert.Equal(JsonSerializer.Serialize(post), JsonSerializer.Serialize(back));
    }
}
