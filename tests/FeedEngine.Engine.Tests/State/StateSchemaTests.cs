namespace FeedEngine.Engine.Tests.State;

public sealed class StateSchemaTests
{
    static StateVariableSpec Var(string name, StateValueType type, string defaultJson = "null", double? min = null, double? max = null, string[]? allowed = null, bool visible = true) =>
        new() { Name = name, Type = type, DefaultJson = defaultJson, Min = min, Max = max, AllowedValues = allowed ?? [], VisibleToViewer = visible };

    [Fact]
    public void Build_lighthouseSchema_keepsEveryVariableWithItsDefault()
    {
        var schema = StateSchema.Build(Samples.Program(Samples.Lighthouse()).StateSchema);

        Assert.Empty(schema.Problems);
        Assert.Equal(["location", "clues", "suspicion"], schema.Variables.Select(v => v.Name));
        Assert.Equal("""{"location":"harbor","clues":[],"suspicion":10}""", schema.Initial().ToJsonString());
    }

    [Fact]
    public void Build_nullDefaults_startAtEachTypesNaturalValue()
    {
        var schema = StateSchema.Build(
        [
            Var("health", StateValueType.Int, min: 1, max: 100),
            Var("speed", StateValueType.Number),
            Var("lit", StateValueType.Bool),
            Var("note", StateValueType.Text),
            Var("mood", StateValueType.Enum, allowed: ["calm", "angry"]),
            Var("items", StateValueType.Set),
        ]);

        Assert.Empty(schema.Problems);
        Assert.Equal("""{"health":1,"speed":0,"lit":false,"note":"","mood":"calm","items":[]}""", schema.Initial().ToJsonString());
    }

    public static TheoryData<StateVariableSpec, string> BrokenVariables() => new()
    {
        { Var("9lives", StateValueType.Int), "a name is a letter" },
        { Var("set", StateValueType.Int), "reserved" },
        { Var("hp", StateValueType.Int, min: 10, max: 1), "above the maximum" },
        { Var("hp", StateValueType.Int, min: 0.5), "whole numbers" },
        { Var("hp", StateValueType.Int, "200", 0, 100), "above the maximum 100" },
        { Var("hp", StateValueType.Int, "2.5"), "whole number" },
        { Var("hp", StateValueType.Int, "not json"), "not JSON" },
        { Var("mood", StateValueType.Enum), "needs its allowed values" },
        { Var("mood", StateValueType.Enum, "\"sad\"", allowed: ["calm"]), "'sad' is not one of 'calm'" },
        { Var("mood", StateValueType.Enum, allowed: ["calm", "calm"]), "listed twice" },
        { Var("lit", StateValueType.Bool, min: 0), "only numbers" },
        { Var("lit", StateValueType.Bool, "1"), "true or false" },
        { Var("hp", StateValueType.Int, allowed: ["1"]), "only enums and sets" },
        { Var("items", StateValueType.Set, "[\"a\",\"a\"]"), "each value once" },
        { Var("items", StateValueType.Set, "[\"x\"]", allowed: ["a"]), "'x' is not one of 'a'" },
    };

    [Theory, MemberData(nameof(BrokenVariables))]
    public void Build_brokenVariable_isLeftOutWithAProblemSayingWhy(StateVariableSpec broken, string expected)
    {
        var schema = StateSchema.Build([Var("fine", StateValueType.Bool), broken]);

        Assert.Equal(["fine"], schema.Variables.Select(v => v.Name));
        var problem = Assert.Single(schema.Problems);
        Assert.Contains(expected, problem, StringComparison.Ordinal);
        Assert.Contains(broken.Name, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_sameNameTwice_keepsTheFirst()
    {
        var schema = StateSchema.Build([Var("hp", StateValueType.Int, "5"), Var("HP", StateValueType.Bool)]);

        Assert.Equal("""{"hp":5}""", schema.Initial().ToJsonString());
        Assert.Contains("used twice", Assert.Single(schema.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void Normalize_storedState_dropsUnknownAndRepairsInvalidValues()
    {
        var schema = StateSchema.Build(Samples.Program(Samples.Lighthouse()).StateSchema);

        var state = schema.Normalize("""{"location":"cave","clues":["cave map","moon"],"suspicion":40,"gold":3}""");

        Assert.Equal("""{"location":"cave","clues":[],"suspicion":40}""", state.ToJsonString());
        Assert.Equal(schema.Initial().ToJsonString(), schema.Normalize("not json").ToJsonString());
    }

    [Fact]
    public void VisibleJson_hiddenVariable_isLeftOut()
    {
        var schema = StateSchema.Build(Samples.Program(Samples.Lighthouse()).StateSchema);

        Assert.Equal("""{"location":"harbor","clues":[]}""", schema.VisibleJson(schema.Initial()));
    }
}
