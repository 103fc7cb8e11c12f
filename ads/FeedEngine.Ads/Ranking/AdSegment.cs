using System.Text;

namespace FeedEngine.Ads.Ranking;

/// <summary>An audience segment: an interest, embedded and ranked for. Id: its text as a slug (<c>food-and-cooking</c>).</summary>
public sealed record AdSegment(string Id, string Text)
{
    public static IReadOnlyList<AdSegment> From(IEnumerable<string> texts)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var segments = new List<AdSegment>();
        foreach (var text in texts)
        {
            var id = Slug(text);
            if (id.Length > 0 && seen.Add(id)) segments.Add(new AdSegment(id, text.Trim()));
        }
        return segments;
    }

    public static string Slug(string text)
    {
        var slug = new StringBuilder();
        foreach (var c in text.Trim().ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c)) slug.Append(c);
            else if (slug.Length > 0 && slug[^1] != '-') slug.Append('-');
        }
        return slug.ToString().Trim('-');
    }
}
