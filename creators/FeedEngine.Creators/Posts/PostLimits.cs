namespace FeedEngine.Creators.Posts;

/// <summary>How big each part of a post may be. Checked on every save, import and publish.</summary>
public static class PostLimits
{
    public const int TitleLength = 100;
    public const int HookLength = 300;

    /// <summary>The persona is in every prompt: it gets a token budget rather than a character limit.</summary>
    public const int PersonaTokenBudget = 3_000;

    /// <summary>Everything sent with every reply (persona, personality, scenario, system prompt, instructions, rules, canon, always-on lore).</summary>
    public const int AlwaysSentTokenBudget = 6_000;

    public const int ShortTextLength = 4_000;
    public const int LongTextLength = 12_000;
    public const int CreatorNotesLength = 10_000;

    public const int MaxGreetings = 30;
    public const int GreetingLength = 8_000;

    public const int MaxLoreEntries = 300;
    public const int LoreContentLength = 8_000;
    public const int LoreNameLength = 200;
    public const int MaxLoreKeys = 50;
    public const int LoreKeyLength = 100;

    public const int MaxStateVariables = 40;
    public const int StateNameLength = 40;
    public const int StateDescriptionLength = 300;
    public const int MaxAllowedValues = 50;
    public const int AllowedValueLength = 60;
    public const int TextStateDefaultLength = 1_000;

    public const int MaxRules = 40;
    public const int RuleLength = 500;
    public const int MaxSuggestedReplies = 8;
    public const int SuggestedReplyLength = 100;
    public const int MaxTags = 20;
    public const int TagLength = 40;

    /// <summary>Kept-verbatim JSON from an imported card, for the whole card and for one lore entry.</summary>
    public const int CardExtrasBytes = 256 * 1024;
    public const int LoreExtrasBytes = 16 * 1024;
}
