using System.Text;
using FeedEngine.Safety.Filters;

namespace FeedEngine.Engine.State;

/// <summary>
/// Takes the state blocks (<c>&lt;state&gt;{...}&lt;/state&gt;</c>) out of a reply so the viewer never sees them.
/// Text that could be the start of the opening tag is held back (at most its length less one), so a tag split across
/// frames is still caught; a block's content is never released, even when the reply ends before the closing tag.
/// </summary>
public sealed class StateBlockFilter : IOutputFilter
{
    public const string Open = "<state>";
    public const string Close = "</state>";

    /// <summary>A block longer than this is not a state block a schema could accept; it is dropped unread.</summary>
    public const int MaxBlockLength = 4_000;

    readonly StringBuilder held = new();
    readonly List<string> blocks = [];
    bool inBlock;
    bool oversized;

    /// <summary>Text that could still be the opening tag; a block's content is taken out, not held for release.</summary>
    public int Window => Open.Length - 1;

    /// <summary>The complete blocks seen so far, in order (their JSON, without the tags).</summary>
    public IReadOnlyList<string> Blocks => blocks;

    /// <summary>Why some proposed text could not be read as a block (unterminated or too long), for the log.</summary>
    public List<string> Problems { get; } = [];

    public FilterResult Push(string text)
    {
        held.Append(text);
        var released = new StringBuilder();
        while (true)
        {
            var buffer = held.ToString();
            if (inBlock)
            {
                var end = buffer.IndexOf(Close, StringComparison.OrdinalIgnoreCase);
                if (end < 0)
                {
                    if (buffer.Length > MaxBlockLength + Close.Length && !oversized)
                    {
                        oversized = true;
                        Problems.Add($"a state block ran past {MaxBlockLength} characters");
                    }
                    // Keep only a tail that may hold the closing tag; the content is never released.
                    if (oversized) Keep(buffer[Math.Max(0, buffer.Length - Close.Length)..]);
                    break;
                }
                if (!oversized) blocks.Add(buffer[..end].Trim());
                oversized = false;
                inBlock = false;
                Keep(buffer[(end + Close.Length)..]);
                continue;
            }
            var start = buffer.IndexOf(Open, StringComparison.OrdinalIgnoreCase);
            if (start >= 0)
            {
                released.Append(buffer, 0, start);
                inBlock = true;
                Keep(buffer[(start + Open.Length)..]);
                continue;
            }
            var hold = PossibleTagStart(buffer);
            released.Append(buffer, 0, buffer.Length - hold);
            Keep(buffer[(buffer.Length - hold)..]);
            break;
        }
        return FilterResult.Release(released.ToString());
    }

    public FilterResult Complete()
    {
        var rest = held.ToString();
        held.Clear();
        if (!inBlock) return FilterResult.Release(rest);
        Problems.Add("a state block was not closed before the reply ended");
        inBlock = false;
        return FilterResult.Hold;
    }

    void Keep(string text)
    {
        held.Clear();
        held.Append(text);
    }

    /// <summary>The length of the longest end of <paramref name="text"/> that is a beginning of the opening tag.</summary>
    static int PossibleTagStart(string text)
    {
        for (var length = Math.Min(Open.Length - 1, text.Length); length > 0; length--)
        {
            if (string.Compare(text, text.Length - length, Open, 0, length, StringComparison.OrdinalIgnoreCase) == 0)
                return length;
        }
        return 0;
    }
}
