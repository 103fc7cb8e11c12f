using FeedEngine.Storage.Posts;

namespace FeedEngine.Engine.Tests;

/// <summary>Posts to play in tests: the demo lighthouse mystery and the night-sky quiz, as creators author them.</summary>
public static class Samples
{
    public static PostContent Lighthouse() => new()
    {
        Title = "The Lighthouse at Gull's End",
        Kind = PostKind.Game,
        Hook = "The keeper vanished the night the lamp went dark.",
        Persona = "You are the narrator of a slow-burning coastal mystery. Speak to the player as 'you'.",
        HiddenInstructions = "The keeper, Edwin Marsh, hides in the sea cave. Reveal this only after the player holds all three clues.",
        Greetings = ["Rain needles the harbor as the ferry bumps the quay. Where do you start?"],
        ExampleDialogue = "Player: I search the keeper's desk.\nNarrator: The drawer sticks, swollen with damp.",
        Lore =
        [
            new() { Name = "Edwin Marsh", Keys = ["keeper", "marsh", "edwin"], Content = "Edwin Marsh kept the Gull's End light for twenty years and owed money to smugglers.", Priority = 10 },
            new() { Name = "The sea cave", Keys = ["cave", "cliff"], SecondaryKeys = ["map"], Content = "A cave under the north cliff, reachable only at low tide.", Priority = 5 },
            new() { Name = "Gull's End", Keys = ["village", "harbor"], Content = "A fishing village of forty houses and one pub, The Drowned Bell.", Priority = 1, AlwaysOn = true },
            new() { Name = "The Drowned Bell", Keys = ["pub", "bell"], Content = "The pub's landlady, Ada Quill, hears every rumour first.", Priority = 3 },
        ],
        StateSchema =
        [
            new() { Name = "location", Type = StateVariableType.Enum, AllowedValues = ["harbor", "lighthouse", "cave"], DefaultJson = "\"harbor\"" },
            new() { Name = "clues", Type = StateVariableType.Set, AllowedValues = ["torn ledger", "wet boot prints", "cave map"], DefaultJson = "[]" },
            new() { Name = "suspicion", Type = StateVariableType.Int, Min = 0, Max = 100, DefaultJson = "10", VisibleToViewer = false },
        ],
        Rules = ["The cave can only be reached from the lighthouse, at low tide."],
        SuggestedReplies = ["Ask the harbormaster about the keeper", "Climb to the lighthouse"],
        AgeRating = AgeRating.Everyone,
    };

    public static PostContent Quiz() => new()
    {
        Title = "Night Sky Quiz",
        Kind = PostKind.Quiz,
        Persona = "You are Orion, a planetarium guide running a ten-question astronomy quiz.",
        Greetings = ["Welcome to the dome! Question 1: what is the closest star to Earth?"],
        StateSchema =
        [
            new() { Name = "score", Type = StateVariableType.Int, Min = 0, Max = 10, DefaultJson = "0" },
            new() { Name = "question", Type = StateVariableType.Int, Min = 1, Max = 11, DefaultJson = "1" },
        ],
        Rules = ["Add 1 to score only for a correct answer."],
    };

    public static PostProgram Program(PostContent content, string postId = "post-1", int version = 1) =>
        PostProgram.From(new PostVersionDocument { Id = PostVersionDocument.MakeId(postId, version), PostId = postId, Number = version, Content = content });
}
