using System.Text.RegularExpressions;
using FeedEngine.Storage.Posts;

namespace FeedEngine.Creators.Posts;

/// <summary>
/// Checks a post's content field by field with messages a creator can act on. Every save, import and publish runs it,
/// so a stored draft is always one that could be published.
/// </summary>
public static partial class PostValidator
{
    public static void Validate(PostContent post, PostProblems problems)
    {
        Required(post.Title, "title", "Give the post a title.", problems);
        Plain(post.Title, "title", "The title", PostLimits.TitleLength, problems);
        if (!Enum.IsDefined(post.Kind)) problems.Add("kind", "Choose what the post is: character, story, game, quiz or imageChat.");
        Plain(post.Hook, "hook", "The hook", PostLimits.HookLength, problems);

        Required(post.Persona, "persona", "Describe who or what the post is: the persona is what the model plays.", problems);
        Hidden(post.Persona, "persona", "The persona", int.MaxValue, problems);
        var personaTokens = TokenEstimate.Of(post.Persona);
        if (personaTokens > PostLimits.PersonaTokenBudget)
            problems.Add("persona", $"The persona is about {personaTokens:N0} tokens ({post.Persona.Length:N0} characters); keep it under " +
                $"{PostLimits.PersonaTokenBudget:N0} tokens. Move background facts into lore entries: they are sent only when they come up.");

        Hidden(post.HiddenInstructions, "hiddenInstructions", "The hidden instructions", PostLimits.ShortTextLength, problems);
        Hidden(post.Personality, "personality", "The personality", PostLimits.ShortTextLength, problems);
        Hidden(post.Scenario, "scenario", "The scenario", PostLimits.ShortTextLength, problems);
        Hidden(post.SystemPrompt, "systemPrompt", "The system prompt", PostLimits.ShortTextLength, problems);
        Hidden(post.Canon, "canon", "The canon", PostLimits.ShortTextLength, problems);
        Hidden(post.ExampleDialogue, "exampleDialogue", "The example dialogue", PostLimits.LongTextLength, problems);
        Readable(post.CreatorNotes, "creatorNotes", "The creator notes", PostLimits.CreatorNotesLength, problems);

        List(post.Greetings, "greetings", "greetings", PostLimits.MaxGreetings, problems, (g, field, i) =>
            Readable(g, field, $"Greeting {i + 1}", PostLimits.GreetingLength, problems));
        List(post.Rules, "rules", "rules", PostLimits.MaxRules, problems, (r, field, i) =>
            Hidden(r, field, $"Rule {i + 1}", PostLimits.RuleLength, problems));
        List(post.SuggestedReplies, "suggestedReplies", "suggested replies", PostLimits.MaxSuggestedReplies, problems, (r, field, i) =>
            Plain(r, field, $"Suggested reply {i + 1}", PostLimits.SuggestedReplyLength, problems));
        List(post.Tags, "tags", "tags", PostLimits.MaxTags, problems, (t, field, i) =>
            Plain(t, field, $"Tag '{Short(t)}'", PostLimits.TagLength, problems));

        List(post.Lore, "lore", "lore entries", PostLimits.MaxLoreEntries, problems, (e, field, i) => Lore(e, field, i, problems));
        List(post.StateSchema, "stateSchema", "state variables", PostLimits.MaxStateVariables, problems, (v, field, i) => State(v, field, problems));
        var duplicates = post.StateSchema.Where(v => v.Name.Length > 0).GroupBy(v => v.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1);
        foreach (var duplicate in duplicates)
            problems.Add($"stateSchema[{post.StateSchema.FindLastIndex(v => string.Equals(v.Name, duplicate.Key, StringComparison.OrdinalIgnoreCase))}].name",
                $"Two state variables are called '{duplicate.Key}': give each its own name.");

        if (post.CardExtrasJson is { Length: > PostLimits.CardExtrasBytes })
            problems.Add("cardExtras", $"The kept card data is {post.CardExtrasJson.Length:N0} characters; at most {PostLimits.CardExtrasBytes:N0} are kept.");

        var alwaysSent = TokenEstimate.AlwaysSent(post);
        if (alwaysSent > PostLimits.AlwaysSentTokenBudget && personaTokens <= PostLimits.PersonaTokenBudget)
            problems.Add("persona", $"Everything sent with every reply (persona, personality, scenario, system prompt, hidden instructions, rules, canon and " +
                $"always-on lore) is about {alwaysSent:N0} tokens; keep it under {PostLimits.AlwaysSentTokenBudget:N0}. Shorten those parts or turn always-on lore into keyed entries.");
    }

    static void Lore(LoreEntry entry, string field, int index, PostProblems problems)
    {
        var name = entry.Name.Length > 0 ? $"Lore entry {index + 1} ('{Short(entry.Name)}')" : $"Lore entry {index + 1}";
        Plain(entry.Name, $"{field}.name", $"The name of {Lower(name)}", PostLimits.LoreNameLength, problems);
        Required(entry.Content, $"{field}.content", $"{name} has no content: write what the model should know when it comes up, or remove the entry.", problems);
        Hidden(entry.Content, $"{field}.content", $"{name}'s content", PostLimits.LoreContentLength, problems);
        if (entry.Enabled && !entry.AlwaysOn && entry.Keys.Count == 0)
            problems.Add($"{field}.keys", $"{name} has no keys: add the words that should bring it into the conversation, or mark it always on.");
        Keys(entry.Keys, $"{field}.keys", name, problems);
        Keys(entry.SecondaryKeys, $"{field}.secondaryKeys", name, problems);
        if (entry.ExtrasJson is { Length: > PostLimits.LoreExtrasBytes })
            problems.Add($"{field}.extras", $"The kept card data of {Lower(name)} is {entry.ExtrasJson.Length:N0} characters; at most {PostLimits.LoreExtrasBytes:N0} are kept.");
    }

    static void Keys(List<string> keys, string field, string name, PostProblems problems)
    {
        if (keys.Count > PostLimits.MaxLoreKeys)
            problems.Add(field, $"{name} has {keys.Count} keys; at most {PostLimits.MaxLoreKeys} are allowed.");
        foreach (var key in keys)
        {
            if (key.Length > PostLimits.LoreKeyLength)
                problems.Add(field, $"The key '{Short(key)}' of {Lower(name)} is {key.Length:N0} characters; keys are words or short phrases of at most {PostLimits.LoreKeyLength}.");
            else if (TextRules.HiddenCharacterProblem(key, $"The key '{Short(key)}'") is { } problem)
                problems.Add(field, problem);
        }
    }

    static void State(StateVariable variable, string field, PostProblems problems)
    {
        if (variable.Name.Length == 0)
            problems.Add($"{field}.name", "Name the state variable, e.g. health or location.");
        else if (variable.Name.Length > PostLimits.StateNameLength || !StateName().IsMatch(variable.Name))
            problems.Add($"{field}.name", $"'{Short(variable.Name)}' cannot name a state variable: use letters, digits and _ (starting with a letter), at most {PostLimits.StateNameLength} characters, e.g. health or cave_found.");
        if (!Enum.IsDefined(variable.Type))
            problems.Add($"{field}.type", "Choose the variable's type: int, number, bool, text, enum or set.");
        if (variable.Min is { } min && variable.Max is { } max && min > max)
            problems.Add($"{field}.max", $"The lowest value ({StateDefaults.Number(min)}) is above the highest ({StateDefaults.Number(max)}): swap them.");
        if (variable.Type == StateVariableType.Enum && variable.AllowedValues.Count == 0)
            problems.Add($"{field}.allowedValues", $"An enum variable needs its allowed values, e.g. harbor, lighthouse, cave.");
        if (variable.AllowedValues.Count > PostLimits.MaxAllowedValues)
            problems.Add($"{field}.allowedValues", $"'{variable.Name}' has {variable.AllowedValues.Count} allowed values; at most {PostLimits.MaxAllowedValues}.");
        foreach (var value in variable.AllowedValues)
            Plain(value, $"{field}.allowedValues", $"The allowed value '{Short(value)}'", PostLimits.AllowedValueLength, problems);
        Plain(variable.Description, $"{field}.description", "The description", PostLimits.StateDescriptionLength, problems);
        if (!(variable.Min is { } a && variable.Max is { } b && a > b) && StateDefaults.Problem(variable) is { } problem)
            problems.Add($"{field}.default", problem);
    }

    static void List<T>(List<T> items, string field, string what, int max, PostProblems problems, Action<T, string, int> check)
    {
        if (items.Count > max)
        {
            problems.Add(field, $"The post has {items.Count} {what}; at most {max} are allowed.");
            return;
        }
        for (var i = 0; i < items.Count; i++) check(items[i], $"{field}[{i}]", i);
    }

    static void Required(string value, string field, string message, PostProblems problems)
    {
        if (string.IsNullOrWhiteSpace(value)) problems.Add(field, message);
    }

    /// <summary>Short text shown as is on cards: no markup.</summary>
    static void Plain(string value, string field, string what, int maxLength, PostProblems problems)
    {
        if (TooLong(value, field, what, maxLength, problems)) return;
        if (TextRules.PlainTextProblem(value, what) is { } problem) problems.Add(field, problem);
    }

    /// <summary>Long text viewers read: no active content.</summary>
    static void Readable(string value, string field, string what, int maxLength, PostProblems problems)
    {
        if (TooLong(value, field, what, maxLength, problems)) return;
        if (TextRules.ReadableTextProblem(value, what) is { } problem) problems.Add(field, problem);
    }

    /// <summary>Text only the model reads.</summary>
    static void Hidden(string value, string field, string what, int maxLength, PostProblems problems)
    {
        if (TooLong(value, field, what, maxLength, problems)) return;
        if (TextRules.HiddenCharacterProblem(value, what) is { } problem) problems.Add(field, problem);
    }

    static bool TooLong(string value, string field, string what, int maxLength, PostProblems problems)
    {
        if (value.Length <= maxLength) return false;
        problems.Add(field, $"{what} is {value.Length:N0} characters; at most {maxLength:N0} are allowed (about {maxLength / TokenEstimate.CharactersPerToken:N0} tokens). Shorten it.");
        return true;
    }

    static string Short(string text) => text.Length <= 40 ? text : text[..40] + "…";

    static string Lower(string text) => text.Length > 0 ? char.ToLowerInvariant(text[0]) + text[1..] : text;

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex StateName();
}
