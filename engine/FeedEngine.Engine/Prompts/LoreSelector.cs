using System.Text.RegularExpressions;
using FeedEngine.Engine.Posts;

namespace FeedEngine.Engine.Prompts;

/// <summary>Why a lore entry was picked: always on, its keys appeared in the recent turns, or its meaning is close to the message.</summary>
public enum LoreTrigger { AlwaysOn, Keyword, Semantic }

public sealed record TriggeredLore(LoreRule Rule, LoreTrigger Trigger, double Score);

/// <summary>
/// Picks the lore entries a reply needs: always-on entries, entries whose key (and, when it has secondary keys, one of
/// those too) starts a word in the recent turns, and entries the embedding model finds close to the latest message;
/// then fits them into a token budget, most important first.
/// </summary>
public static class LoreSelector
{
    public static List<TriggeredLore> ByKeywords(IEnumerable<LoreRule> lore, string recentText)
    {
        var found = new List<TriggeredLore>();
        foreach (var rule in lore)
        {
            if (string.IsNullOrWhiteSpace(rule.Content)) continue;
            if (rule.AlwaysOn)
                found.Add(new(rule, LoreTrigger.AlwaysOn, rule.Priority));
            else if (rule.Keys.Any(k => Mentions(recentText, k)) && (rule.SecondaryKeys.Length == 0 || rule.SecondaryKeys.Any(k => Mentions(recentText, k))))
                found.Add(new(rule, LoreTrigger.Keyword, rule.Priority));
        }
        return found;
    }

    /// <summary>
    /// Keeps entries in order of importance (always-on and keyword entries by priority, then semantic ones by closeness)
    /// while they fit <paramref name="budgetTokens"/>; an entry too large is skipped and smaller ones may still fit.
    /// </summary>
    public static List<TriggeredLore> Fit(IEnumerable<TriggeredLore> triggered, int budgetTokens, TokenEstimator tokens)
    {
        var kept = new List<TriggeredLore>();
        var used = 0;
        var ordered = triggered
            .OrderBy(t => t.Trigger == LoreTrigger.Semantic ? 1 : 0)
            .ThenByDescending(t => t.Score)
            .ThenBy(t => t.Rule.Name, StringComparer.Ordinal);
        foreach (var entry in ordered)
        {
            var cost = tokens.Count(Line(entry.Rule)) + 1;
            if (used + cost > budgetTokens) continue;
            used += cost;
            kept.Add(entry);
        }
        return kept;
    }

    public static string Line(LoreRule rule) => string.IsNullOrWhiteSpace(rule.Name) ? $"- {rule.Content}" : $"- {rule.Name}: {rule.Content}";

    /// <summary>True when <paramref name="key"/> starts a word of <paramref name="text"/> ("keeper" matches "Keeper's" and "keepers").</summary>
    public static bool Mentions(string text, string key) =>
        !string.IsNullOrWhiteSpace(key)
        && Regex.IsMatch(text, @"(?<![\p{L}\p{N}])" + Regex.Escape(key.Trim()), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
}
