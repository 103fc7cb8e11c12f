using System.Text.Json.Nodes;
using FeedEngine.Media.Generation;
using FeedEngine.Storage.Posts;

namespace FeedEngine.ImageGeneration.Tests.Generation;

public sealed class ImagePromptBuilderTests
{
    [Fact]
    public void Build_ordersCharacterAskSettingSceneThenLook()
    {
        var style = Scenes.Scene();

        var prompt = ImagePromptBuilder.Build(style, style.Characters[0], Scenes.State(), "the lamp, lit again");

        Assert.Equal("Maren, an old keeper in a yellow oilskin, the lamp, lit again, setting: the lamp room, weather: storm, moody oil painting, storm light", prompt);
    }

    [Fact]
    public void Build_neverUsesStateTheCreatorDidNotName()
    {
        var prompt = ImagePromptBuilder.Build(Scenes.Scene(), null, Scenes.State());

        Assert.DoesNotContain("wire", prompt);
        Assert.DoesNotContain("40", prompt);
    }

    [Fact]
    public void Build_placeholdersTakeStateValues_andAreNotRepeated()
    {
        var style = new ImageStyle { Name = "s", Prompt = "a watercolor of {{location}} in {{ weather }}, {{missing}} soft light", SceneVariables = ["weather", "time_of_day", "lamp_lit", "crew", "broken"] };
        var state = new JsonObject
        {
            ["location"] = "the harbor",
            ["weather"] = "fog",
            ["time_of_day"] = "dusk",
            ["lamp_lit"] = true,
            ["crew"] = new JsonArray("Maren", "Tom"),
            ["broken"] = false,
        };

        var prompt = ImagePromptBuilder.Build(style, null, state);

        Assert.Equal("time of day: dusk, lamp lit: lamp lit, crew: Maren, Tom, a watercolor of the harbor in fog, soft light", prompt);
    }

    [Fact]
    public void Build_sameInputs_sameprompt_andWhitespaceAndControlCharactersAreFolded()
    {
        var style = new ImageStyle { Name = "s", Prompt = "  ink\tsketch \n" };
        var state = new JsonObject { ["location"] = "the\u0007 pier  " };

        var first = ImagePromptBuilder.Build(style, null, state);

        Assert.Equal("setting: the pier, ink sketch", first);
        Assert.Equal(first, ImagePromptBuilder.Build(style, null, (JsonObject)state.DeepClone()));
    }

    [Fact]
    public void Build_longInputs_areCut()
    {
        var style = new ImageStyle { Name = "s", Prompt = "oil" };

        var prompt = ImagePromptBuilder.Build(style, null, null, new string('x', 1000), maxLength: 150);

        Assert.Equal(150, prompt.Length);
        Assert.StartsWith(new string('x', ImagePromptBuilder.MaxAskLength), ImagePromptBuilder.Build(style, null, null, new string('x', 1000)));
        Assert.DoesNotContain(new string('x', ImagePromptBuilder.MaxAskLength + 1), ImagePromptBuilder.Build(style, null, null, new string('x', 1000)));
    }
}

public sealed class ImageTriggersTests
{
    static readonly ImageStyle Style = new() { Name = "s", DrawWhen = [ImageTrigger.NewLocation, ImageTrigger.StateChange], SceneVariables = ["weather"] };

    [Fact]
    public void Decide_newLocation_draws()
    {
        Assert.Equal(ImageTrigger.NewLocation, ImageTriggers.Decide(Style, Scenes.State("harbor"), Scenes.State("tower"), viewerAsked: false));
        Assert.Equal(ImageTrigger.NewLocation, ImageTriggers.Decide(Style, null, Scenes.State("harbor"), viewerAsked: false));
    }

    [Fact]
    public void Decide_sceneVariableChanged_draws_otherChanges_doNot()
    {
        var before = Scenes.State();
        var stormier = Scenes.State(weather: "hurricane");
        var hurt = Scenes.State();
        hurt["health"] = 10;

        Assert.Equal(ImageTrigger.StateChange, ImageTriggers.Decide(Style, before, stormier, viewerAsked: false));
        Assert.Null(ImageTriggers.Decide(Style, before, hurt, viewerAsked: false));
        Assert.Null(ImageTriggers.Decide(Style, before, Scenes.State(), viewerAsked: false));
    }

    [Fact]
    public void Decide_viewerAsked_drawsOnlyWhenTheStyleDrawsOnRequest()
    {
        var onRequest = new ImageStyle { Name = "r", DrawWhen = [ImageTrigger.OnRequest] };

        Assert.Equal(ImageTrigger.OnRequest, ImageTriggers.Decide(onRequest, Scenes.State(), Scenes.State(), viewerAsked: true));
        Assert.Null(ImageTriggers.Decide(Style, Scenes.State(), Scenes.State(), viewerAsked: true));
        Assert.Null(ImageTriggers.Decide(onRequest, Scenes.State("a"), Scenes.State("b"), viewerAsked: false));
    }

    [Fact]
    public void Pick_returnsTheFirstStyleThatDraws()
    {
        ImageStyle[] styles = [Scenes.Portrait(), Scenes.Scene()];

        Assert.Equal(("scene", ImageTrigger.NewLocation), Pick(styles, Scenes.State("a"), Scenes.State("b"), asked: false));
        Assert.Equal(("portrait", ImageTrigger.OnRequest), Pick(styles, Scenes.State(), Scenes.State(), asked: true));
        Assert.Null(ImageTriggers.Pick(styles, Scenes.State(), Scenes.State(), viewerAsked: false));
        Assert.Null(ImageTriggers.Pick([], null, Scenes.State(), viewerAsked: true));
    }

    static (string, ImageTrigger)? Pick(ImageStyle[] styles, System.Text.Json.Nodes.JsonObject before, System.Text.Json.Nodes.JsonObject after, bool asked) =>
        ImageTriggers.Pick(styles, before, after, asked) is { } pick ? (pick.Style.Name, pick.Trigger) : null;

    [Fact]
    public void CharacterIn_findsTheFirstCharacterNamedAsAWord()
    {
        var style = Scenes.Scene();

        Assert.Equal("Gull", ImageTriggers.CharacterIn(style, "A GULL lands; Maren looks up.")?.Name);
        Assert.Equal("Maren", ImageTriggers.CharacterIn(style, "maren climbs the stairs")?.Name);
        Assert.Null(ImageTriggers.CharacterIn(style, "Seagulls everywhere, Marengo the horse."));
        Assert.Null(ImageTriggers.CharacterIn(style, null));
    }
}
