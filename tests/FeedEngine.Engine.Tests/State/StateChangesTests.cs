namespace FeedEngine.Engine.Tests.State;

public sealed class StateChangesTests
{
    static readonly StateSchema Lighthouse = StateSchema.Build(Samples.Program(Samples.Lighthouse()).StateSchema);
    static readonly StateSchema Quiz = StateSchema.Build(Samples.Program(Samples.Quiz()).StateSchema);

    [Fact]
    public void Apply_validChanges_applyTogether()
    {
        var outcome = StateChanges.Apply(Lighthouse, Lighthouse.Initial(),
            ["""{"set":{"location":"lighthouse"},"add":{"clues":["torn ledger","cave map"]},"inc":{"suspicion":15}}"""]);

        Assert.True(outcome.Changed);
        Assert.Empty(outcome.Rejected);
        Assert.Equal("""{"location":"lighthouse","clues":["torn ledger","cave map"],"suspicion":25}""", outcome.State.ToJsonString());
        Assert.Equal(["set location", "add clues", "inc suspicion"], outcome.Applied);
    }

    [Fact]
    public void Apply_quizAnswers_scoreAndAdvance()
    {
        var state = Quiz.Initial();
        foreach (var block in new[] { """{"inc":{"score":1,"question":1}}""", """{"inc":{"question":1}}""", """{"inc":{"score":1,"question":1}}""" })
            state = StateChanges.Apply(Quiz, state, [block]).State;

        Assert.Equal("""{"score":2,"question":4}""", state.ToJsonString());
    }

    public static TheoryData<string, string?, string> Invalid() => new()
    {
        { """{"set":{"location":"moon"}}""", "location", "'moon' is not one of" },
        { """{"set":{"location":3}}""", "location", "needs one of its values" },
        { """{"set":{"gold":3}}""", "gold", "no such state variable" },
        { """{"set":{"suspicion":101}}""", "suspicion", "above the maximum 100" },
        { """{"set":{"suspicion":2.5}}""", "suspicion", "whole number" },
        { """{"set":{"suspicion":"high"}}""", "suspicion", "whole number" },
        { """{"inc":{"suspicion":95}}""", "suspicion", "would make it 105" },
        { """{"inc":{"suspicion":-11}}""", "suspicion", "below the minimum 0" },
        { """{"inc":{"location":1}}""", "location", "only numbers" },
        { """{"inc":{"suspicion":"1"}}""", "suspicion", "needs a number" },
        { """{"add":{"clues":["a ghost"]}}""", "clues", "'a ghost' is not one of" },
        { """{"add":{"location":"cave"}}""", "location", "only sets" },
        { """{"add":{"clues":[1]}}""", "clues", "text value" },
        { """{"teleport":{"location":"cave"}}""", null, "'teleport' is not an operation" },
        { """{"set":["location","cave"]}""", null, "needs an object" },
        { """{"set":{"location":"cave"}""", null, "not JSON" },
        { "[1,2]", null, "not a JSON object" },
        { "location = cave", null, "not JSON" },
    };

    [Theory, MemberData(nameof(Invalid))]
    public void Apply_invalidChange_isRejectedWithAReasonAndChangesNothing(string block, string? variable, string reason)
    {
        var before = Lighthouse.Initial();

        var outcome = StateChanges.Apply(Lighthouse, before, [block]);

        Assert.False(outcome.Changed);
        Assert.Equal(before.ToJsonString(), outcome.State.ToJsonString());
        var rejection = Assert.Single(outcome.Rejected);
        Assert.Equal(variable, rejection.Variable);
        Assert.Contains(reason, rejection.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_mixedBlock_appliesTheValidAndRejectsTheRest()
    {
        var outcome = StateChanges.Apply(Lighthouse, Lighthouse.Initial(),
            ["""{"set":{"location":"cave","suspicion":500},"add":{"clues":["cave map","treasure"]}}""", "{broken"]);

        Assert.Equal("""{"location":"cave","clues":[],"suspicion":10}""", outcome.State.ToJsonString());
        Assert.Equal(["suspicion", "clues", null], outcome.Rejected.Select(r => r.Variable));
    }

    [Fact]
    public void Apply_removeAndRepeatedAdd_keepASet()
    {
        var start = StateChanges.Apply(Lighthouse, Lighthouse.Initial(), ["""{"add":{"clues":["cave map","torn ledger"]}}"""]).State;

        var outcome = StateChanges.Apply(Lighthouse, start, ["""{"add":{"clues":"cave map"},"remove":{"clues":["torn ledger","wet boot prints"]}}"""]);

        Assert.Equal("""["cave map"]""", outcome.State["clues"]!.ToJsonString());
        Assert.Empty(outcome.Rejected);
    }

    [Fact]
    public void Apply_sameValueAgain_isNotAChange()
    {
        var outcome = StateChanges.Apply(Lighthouse, Lighthouse.Initial(), ["""{"set":{"location":"harbor"}}"""]);

        Assert.False(outcome.Changed);
        Assert.Empty(outcome.Rejected);
    }

    [Fact]
    public void Apply_moreBlocksThanAllowed_ignoresTheRest()
    {
        var blocks = Enumerable.Repeat("""{"inc":{"suspicion":1}}""", StateChanges.MaxBlocks + 2);

        var outcome = StateChanges.Apply(Lighthouse, Lighthouse.Initial(), blocks);

        Assert.Equal(10 + StateChanges.MaxBlocks, outcome.State["suspicion"]!.GetValue<long>());
        Assert.Contains("at most", Assert.Single(outcome.Rejected).Reason, StringComparison.Ordinal);
    }
}
