using Bunit;
using FeedEngine.Creators.Posts;
using FeedEngine.Creators.Studio;
using FeedEngine.Storage.Posts;
using FeedEngine.Web.Components.Studio;

namespace FeedEngine.Web.Tests.Studio;

/// <summary>The studio editor's lore and state schema editors, rendered alone: the field names the form posts back and the messages next to fields.</summary>
public sealed class EditorComponentTests : IDisposable
{
    readonly BunitContext context = new();

    public void Dispose() => context.Dispose();

    [Fact]
    public void LoreEditor_rows_postBackUnderInputLoreWithTheirValues()
    {
        var rows = new List<LoreRow>
        {
            new() { Name = "The cave", Keys = "cave, cliff", Content = "Under the north cliff.", Enabled = true, Selective = true, Priority = "5" },
            new() { Name = "The village", Content = "Forty houses.", AlwaysOn = true, Enabled = true, ExtrasJson = "{\"position\":\"after_char\"}" },
        };

        var cut = context.Render<LoreEditor>(p => p.Add(x => x.Rows, rows));

        Assert.Equal(2, cut.FindAll("[data-testid=lore-row]").Count);
        Assert.Equal("cave, cliff", cut.Find("input[name='Input.Lore[0].Keys']").GetAttribute("value"));
        Assert.Equal("Under the north cliff.", cut.Find("textarea[name='Input.Lore[0].Content']").TextContent);
        Assert.Equal("5", cut.Find("input[name='Input.Lore[0].Priority']").GetAttribute("value"));
        Assert.True(cut.Find("input[name='Input.Lore[0].Selective']").HasAttribute("checked"));
        Assert.False(cut.Find("input[name='Input.Lore[0].AlwaysOn']").HasAttribute("checked"));
        Assert.True(cut.Find("input[name='Input.Lore[1].AlwaysOn']").HasAttribute("checked"));
        Assert.Equal("{\"position\":\"after_char\"}", cut.Find("input[type=hidden][name='Input.Lore[1].ExtrasJson']").GetAttribute("value"));
        Assert.Empty(cut.FindAll("input[name='Input.Lore[0].ExtrasJson']"));
        Assert.Equal("remove-lore-1", cut.FindAll("button[name='Input.Action']")[1].GetAttribute("value"));
        Assert.Equal("add-lore", cut.Find("[data-testid=add-lore]").GetAttribute("value"));
    }

    [Fact]
    public void LoreEditor_errors_shownUnderTheirEntryAndField()
    {
        var rows = new List<LoreRow> { new() { Name = "A", Keys = "a", Content = "x", Enabled = true }, new() { Name = "B", Content = "y", Enabled = true } };
        var errors = new Dictionary<string, string[]> { ["lore[1].keys"] = ["Lore entry 2 ('B') has no keys."], ["lore"] = ["Too many entries."] };

        var cut = context.Render<LoreEditor>(p => p.Add(x => x.Rows, rows).Add(x => x.Errors, errors));

        var entryTwo = cut.FindAll("[data-testid=lore-row]")[1];
        Assert.Equal("Lore entry 2 ('B') has no keys.", entryTwo.QuerySelector(".field-error[data-field='lore[1].keys']")?.TextContent);
        Assert.Null(cut.FindAll("[data-testid=lore-row]")[0].QuerySelector(".field-error"));
        Assert.Equal("Too many entries.", cut.Find(".field-error[data-field=lore]").TextContent);
    }

    [Fact]
    public void StateSchemaEditor_rows_showTypeBoundsAndStartingValue()
    {
        var rows = new List<StateRow>
        {
            StateRow.From(new StateVariable { Name = "health", Type = StateVariableType.Int, Min = 0, Max = 100, DefaultJson = "100", VisibleToViewer = true }),
            StateRow.From(new StateVariable { Name = "clues", Type = StateVariableType.Set, AllowedValues = ["map", "boot"], DefaultJson = "[\"map\"]", VisibleToViewer = false }),
        };

        var cut = context.Render<StateSchemaEditor>(p => p.Add(x => x.Rows, rows));

        Assert.Equal("int", cut.Find("select[name='Input.State[0].Type'] option[selected]").GetAttribute("value"));
        Assert.Equal("set", cut.Find("select[name='Input.State[1].Type'] option[selected]").GetAttribute("value"));
        Assert.Equal(6, cut.FindAll("select[name='Input.State[0].Type'] option").Count);
        Assert.Equal("0", cut.Find("input[name='Input.State[0].Min']").GetAttribute("value"));
        Assert.Equal("100", cut.Find("input[name='Input.State[0].Max']").GetAttribute("value"));
        Assert.Equal("100", cut.Find("input[name='Input.State[0].Default']").GetAttribute("value"));
        Assert.Equal("map, boot", cut.Find("input[name='Input.State[1].AllowedValues']").GetAttribute("value"));
        Assert.Equal("map", cut.Find("input[name='Input.State[1].Default']").GetAttribute("value"));
        Assert.True(cut.Find("input[name='Input.State[0].VisibleToViewer']").HasAttribute("checked"));
        Assert.False(cut.Find("input[name='Input.State[1].VisibleToViewer']").HasAttribute("checked"));
    }

    [Fact]
    public void StateSchemaEditor_defaultOutsideItsBounds_messageUnderTheStartingValue()
    {
        var variable = new StateVariable { Name = "alarm", Type = StateVariableType.Int, Min = 0, Max = 10, DefaultJson = "15" };
        var problems = new PostProblems();
        PostValidator.Validate(new PostContent { Title = "t", Persona = "p", StateSchema = [variable] }, problems);

        var cut = context.Render<StateSchemaEditor>(p => p.Add(x => x.Rows, [StateRow.From(variable)]).Add(x => x.Errors, problems.ToDictionary()));

        var message = cut.Find(".field-error[data-field='stateSchema[0].default']");
        Assert.Equal("The starting value 15 of 'alarm' is outside its bounds 0 to 10: choose a value from 0 to 10.", message.TextContent);
        // Right after the starting value's input, where the creator looks.
        Assert.Equal("Input.State[0].Default", message.PreviousElementSibling?.QuerySelector("input")?.GetAttribute("name"));
    }

    [Fact]
    public void EditorForm_postedRows_becomeTheApiInputWithTypedStartingValues()
    {
        var form = new PostEditorForm
        {
            Version = 3, Title = "T", Kind = "game", Persona = "P", AgeRating = "teen", Visibility = "unlisted", AdEligible = true,
            Tags = "a, b,, a", Rules = "one\n\ntwo", Greetings = ["Hi", "  "],
            Lore = [new LoreRow { Name = "Cave", Keys = "cave, cliff", Content = "c", Enabled = true, Priority = "2" }, new LoreRow()],
            State =
            [
                new StateRow { Name = "health", Type = "int", Min = "0", Max = "100", Default = "100" },
                new StateRow { Name = "place", Type = "enum", AllowedValues = "harbor, tower", Default = "tower" },
                new StateRow { Name = "lit", Type = "bool", Default = "TRUE" },
                new StateRow { Name = "items", Type = "set", Default = "map, key" },
            ],
        };
        form.RemoveBlankRows();
        var problems = new PostProblems();

        var input = form.ToInput(problems);

        Assert.False(problems.Any);
        Assert.Equal(3, input.Version);
        Assert.Equal(PostKind.Game, input.Kind);
        Assert.Equal(AgeRating.Teen, input.AgeRating);
        Assert.Equal(PostVisibility.Unlisted, input.Visibility);
        Assert.Equal(["a", "b", "a"], input.Tags);
        Assert.Equal(["one", "two"], input.Rules);
        Assert.Equal(["Hi"], input.Greetings);
        Assert.Equal(["cave", "cliff"], Assert.Single(input.Lore!).Keys);
        Assert.Equal(["100", "\"tower\"", "true", "[\"map\",\"key\"]"], input.StateSchema!.Select(v => v.Default!.Value.GetRawText()));
    }

    [Fact]
    public void EditorForm_rowButtons_addAndRemoveRowsWithoutSaving()
    {
        var form = new PostEditorForm { Lore = [new LoreRow { Name = "A" }, new LoreRow { Name = "B" }] };

        form.Action = "add-state";
        Assert.True(form.ApplyRowAction());
        form.Action = "remove-lore-0";
        Assert.True(form.ApplyRowAction());
        form.Action = "save";
        Assert.False(form.ApplyRowAction());

        Assert.Equal("B", Assert.Single(form.Lore).Name);
        Assert.True(Assert.Single(form.State).VisibleToViewer);
    }
}
