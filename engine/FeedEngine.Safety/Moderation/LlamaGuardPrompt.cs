using System.Text;

namespace FeedEngine.Safety.Moderation;

/// <summary>
/// The Llama Guard 3 task prompt: the role to judge, the S1 to S14 categories, the conversation, and the instruction to
/// answer <c>safe</c> or <c>unsafe</c> plus a line of violated categories. This is the text inside the model's user turn;
/// the provider's chat template adds the special tokens around it.
/// </summary>
public static class LlamaGuardPrompt
{
    /// <param name="userText">The viewer's message (or the text under review when judging a user turn).</param>
    /// <param name="agentText">The reply to judge; null to judge the user's message.</param>
    public static string Build(string userText, string? agentText)
    {
        var role = agentText is null ? "User" : "Agent";
        var builder = new StringBuilder();
        builder.Append("Task: Check if there is unsafe content in '").Append(role)
            .Append("' messages in conversations according our safety policy with the below categories.\n\n");
        builder.Append("<BEGIN UNSAFE CONTENT CATEGORIES>\n");
        foreach (var (code, name) in HazardCategories.All) builder.Append(code).Append(": ").Append(name).Append(".\n");
        builder.Append("<END UNSAFE CONTENT CATEGORIES>\n\n");
        builder.Append("<BEGIN CONVERSATION>\n\n");
        builder.Append("User: ").Append(Escape(userText)).Append("\n\n");
        if (agentText is not null) builder.Append("Agent: ").Append(Escape(agentText)).Append("\n\n");
        builder.Append("<END CONVERSATION>\n\n");
        builder.Append("Provide your safety assessment for ONLY THE LAST ").Append(role).Append(" message in the above conversation:\n");
        builder.Append(" - First line must read 'safe' or 'unsafe'.\n");
        builder.Append(" - If unsafe, a second line must include a comma-separated list of violated categories.");
        return builder.ToString();
    }

    /// <summary>Text under review cannot close the conversation block or forge another turn.</summary>
    static string Escape(string text) => text
        .Replace("<END CONVERSATION>", "<END_CONVERSATION>", StringComparison.OrdinalIgnoreCase)
        .Replace("<BEGIN CONVERSATION>", "<BEGIN_CONVERSATION>", StringComparison.OrdinalIgnoreCase)
        .Replace("<|", "< |", StringComparison.Ordinal);
}
