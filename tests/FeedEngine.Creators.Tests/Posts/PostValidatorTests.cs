using System.Text.Json;

namespace FeedEngine.Creators.Tests.Posts;

public sealed class PostValidatorTests
{
    static PostContent Valid() => new()
    {
        Title = "The Lighthouse",
        Kind = PostKind.Game,
        Persona = "You narrate a coastal mystery.",
        Greetings = ["Rain on the quay."],
        Lore = [new LoreEntry { Name = "Cave", Keys = ["cave"], Content = "Under the cliff." }],
        StateSchema = [new StateVariable { Name = "health", Type = StateVariableType.Int, Min = 0, Max = 100, DefaultJson = "100" }],
    };

    static Dictionary<string, string[]> Problems(PostContent post)
    {
        var problems = new PostProblems();
        PostValidator.Validate(post, problems);
        return problems.ToDictionary();
    }

    [Fact]
    public void Validate_validPost_noProblems() => Assert.Empty(Problems(Valid()));

    [Fact]
    public void Validate_stateDefaultOutsideItsBounds_saysTheBoundsOnTheDefaultField()
    {
        var post = Valid();
        post.StateSchema[0].DefaultJson = "150";

        var message = Assert.Single(Problems(post)["stateSchema[0].default"]);

        Assert.Equal("The starting value 150 of 'health' is outside its bounds 0 to 100: choose a value from 0 to 100.", message);
    }

    [Theory]
    [InlineData(StateVariableType.Enum, new[] { "harbor", "tower" }, "\"attic\"", "not one of its allowed values: harbor, tower")]
    [InlineData(StateVariableType.Set, new[] { "map" }, "[\"map\",\"gold\"]", "holds 'gold', which is not one of its allowed values")]
    [InlineData(StateVariableType.Set, new string[0], "[\"a\",\"a\"]", "lists a value twice")]
    [InlineData(StateVariableType.Int, new string[0], "2.5", "must be a whole number")]
    [InlineData(StateVariableType.Bool, new string[0], "\"yes\"", "must be true or false")]
    [InlineData(StateVariableType.Text, new string[0], "12", "must be text")]
    [InlineData(StateVariableType.Number, new string[0], "{oops", "not a value FeedEngine can read")]
    public void Validate_stateDefaultNotFittingItsType_explains(StateVariableType type, string[] allowed, string defaultJson, string says)
    {
        var post = Valid();
        post.StateSchema[0] = new StateVariable { Name = "v", Type = type, AllowedValues = [.. allowed], DefaultJson = defaultJson };

        Assert.Contains(says, Assert.Single(Problems(post)["stateSchema[0].default"]));
    }

    [Fact]
    public void Validate_enumWithoutAllowedValues_asksForThem()
    {
        var post = Valid();
        post.StateSchema[0] = new StateVariable { Name = "place", Type = StateVariableType.Enum, DefaultJson = "null" };

        Assert.Contains("needs its allowed values", Assert.Single(Problems(post)["stateSchema[0].allowedValues"]));
    }

    [Theory]
    [InlineData("", "Name the state variable")]
    [InlineData("2fast", "cannot name a state variable")]
    [InlineData("has space", "cannot name a state variable")]
    public void Validate_badStateName_explainsTheNamingRule(string name, string says)
    {
        var post = Valid();
        post.StateSchema[0].Name = name;

        Assert.Contains(says, Problems(post)["stateSchema[0].name"][0]);
    }

    [Fact]
    public void Validate_twoVariablesWithOneName_flagsTheSecond()
    {
        var post = Valid();
        post.StateSchema.Add(new StateVariable { Name = "Health", Type = StateVariableType.Bool, DefaultJson = "false" });

        Assert.Contains("Two state variables are called", Assert.Single(Problems(post)["stateSchema[1].name"]));
    }

    [Fact]
    public void Validate_minAboveMax_saysSwapThem()
    {
        var post = Valid();
        post.StateSchema[0].Min = 10;
        post.StateSchema[0].Max = 5;
        post.StateSchema[0].DefaultJson = "7";

        var problems = Problems(post);
        Assert.Contains("swap them", Assert.Single(problems["stateSchema[0].max"]));
        Assert.False(problems.ContainsKey("stateSchema[0].default"));
    }

    [Fact]
    public void Validate_loreEntryWithoutKeys_asksForKeysOrAlwaysOn()
    {
        var post = Valid();
        post.Lore[0].Keys.Clear();

        Assert.Equal("Lore entry 1 ('Cave') has no keys: add the words that should bring it into the conversation, or mark it always on.",
            Assert.Single(Problems(post)["lore[0].keys"]));

        post.Lore[0].AlwaysOn = true;
        Assert.Empty(Problems(post));
        post.Lore[0].AlwaysOn = false;
        post.Lore[0].Enabled = false;
        Assert.Empty(Problems(post));
    }

    [Fact]
    public void Validate_personaOverTheTokenBudget_showsTheCount()
    {
        var post = Valid();
        post.Persona = new string('a', 13_000);

        Assert.Equal("The persona is about 3,250 tokens (13,000 characters); keep it under 3,000 tokens. Move background facts into lore entries: they are sent only when they come up.",
            Assert.Single(Problems(post)["persona"]));
    }

    [Fact]
    public void Validate_everythingAlwaysSentOverBudget_saysWhatCounts()
    {
        var post = Valid();
        post.Persona = new string('a', 11_000);
        post.HiddenInstructions = new string('b', 4_000);
        post.Scenario = new string('c', 4_000);
        post.Lore.Add(new LoreEntry { Name = "World", AlwaysOn = true, Content = new string('d', 8_000) });

        Assert.Contains("is about 6,750 tokens; keep it under 6,000", Assert.Single(Problems(post)["persona"]));
    }

    [Fact]
    public void Validate_oversizeFields_sayTheLimit()
    {
        var post = Valid();
        post.Title = new string('t', 101);
        post.Greetings.Add(new string('g', 8_001));
        post.Tags = [.. Enumerable.Range(0, 21).Select(i => $"tag{i}")];

        var problems = Problems(post);
        Assert.Contains("at most 100 are allowed", problems["title"][0]);
        Assert.Contains("Greeting 2 is 8,001 characters", problems["greetings[1]"][0]);
        Assert.Contains("The post has 21 tags; at most 20", problems["tags"][0]);
    }

    [Theory]
    [InlineData("title", "The <b>Lighthouse</b>", "contains markup (<b>)")]
    [InlineData("hook", "Click <a href=x>here</a>", "contains markup")]
    [InlineData("greeting", "Hello <script>alert(1)</script>", "active web content (<script)")]
    [InlineData("greeting", "<img src=x onerror=alert(1)>", "active web content")]
    [InlineData("greeting", "[map](javascript:alert(1))", "active web content (javascript:)")]
    [InlineData("title", "evil\u202Egnp.exe", "text-direction override")]
    [InlineData("persona", "null\u0000byte", "control character")]
    public void Validate_markupOrHiddenCharacters_refusedWhereTheyMatter(string field, string text, string says)
    {
        var post = Valid();
        var key = field;
        switch (field)
        {
            case "title": post.Title = text; break;
            case "hook": post.Hook = text; break;
            case "persona": post.Persona = text; break;
            default: post.Greetings[0] = text; key = "greetings[0]"; break;
        }

        Assert.Contains(says, Assert.Single(Problems(post)[key]));
    }

    [Fact]
    public void Validate_harmlessFormattingInAGreeting_allowed()
    {
        var post = Valid();
        post.Greetings[0] = "*She smiles.* <i>Welcome</i> to the <b>light</b>.<br>Mind the stairs.";
        post.Persona = "Use <emphasis> tags sparingly."; // only the model reads it

        Assert.Empty(Problems(post));
    }

    [Fact]
    public void Apply_stateDefaultLeftOut_getsTheNaturalOne()
    {
        var draft = new PostContent();
        PostEditing.Apply(new PostInput
        {
            StateSchema =
            [
                new StateVariableInput("gold", StateVariableType.Int, Min: 5, Max: 50),
                new StateVariableInput("place", StateVariableType.Enum, AllowedValues: ["harbor", "tower"]),
                new StateVariableInput("items", StateVariableType.Set, Min: 1, Max: 3),
                new StateVariableInput("note", StateVariableType.Text, Default: JsonSerializer.SerializeToElement("hi")),
            ],
        }, draft, new PostProblems());

        Assert.Equal(["5", "\"harbor\"", "[]", "\"hi\""], draft.StateSchema.Select(v => v.DefaultJson));
        Assert.Null(draft.StateSchema[2].Min); // bounds mean nothing for a set
    }

    [Fact]
    public void Apply_listsAreTrimmedAndTagsDeduplicated()
    {
        var draft = new PostContent();
        PostEditing.Apply(new PostInput
        {
            Title = "  Spaced  ",
            Tags = [" Mystery", "mystery", "", "sea "],
            Greetings = ["Hello", "   "],
            Lore = [new LoreEntryInput("Cave", [" cave ", "cave", ""], null, "Under the cliff.")],
        }, draft, new PostProblems());

        Assert.Equal("Spaced", draft.Title);
        Assert.Equal(["Mystery", "sea"], draft.Tags);
        Assert.Equal(["Hello"], draft.Greetings);
        Assert.Equal(["cave"], draft.Lore[0].Keys);
    }

    [Fact]
    public void TokenEstimate_aboutFourCharactersAToken()
    {
        Assert.Equal(0, TokenEstimate.Of(""));
        Assert.Equal(1, TokenEstimate.Of("abc"));
        Assert.Equal(250, TokenEstimate.Of(new string('x', 1_000)));
    }
}
