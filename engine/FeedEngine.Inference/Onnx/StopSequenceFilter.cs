using System.Text;

namespace FeedEngine.Inference.Onnx;

/// <summary>
/// Releases streamed text while holding back any tail that could start a stop sequence;
/// once a stop sequence appears, releases only the text before it.
/// </summary>
internal sealed class StopSequenceFilter(IEnumerable<string> stopSequences)
{
    readonly string[] stops = stopSequences.Where(s => !string.IsNullOrEmpty(s)).Distinct().ToArray();
    readonly StringBuilder pending = new();

    public bool Stopped { get; private set; }

    /// <summary>Adds a piece of decoded text and returns what can be shown now ("" when all of it is held back).</summary>
    public string Append(string piece)
    {
        if (Stopped)
            return "";
        if (stops.Length == 0)
            return piece;
        pending.Append(piece);
        var text = pending.ToString();

        var cut = -1;
        foreach (var stop in stops)
        {
            var at = text.IndexOf(stop, StringComparison.Ordinal);
            if (at >= 0 && (cut < 0 || at < cut))
                cut = at;
        }
        if (cut >= 0)
        {
            Stopped = true;
            pending.Clear();
            return text[..cut];
        }

        var hold = 0;
        foreach (var stop in stops)
        {
            for (var length = Math.Min(stop.Length - 1, text.Length); length > hold; length--)
            {
                if (text.AsSpan(text.Length - length).SequenceEqual(stop.AsSpan(0, length)))
                {
                    hold = length;
                    break;
                }
            }
        }
        pending.Clear();
        pending.Append(text, text.Length - hold, hold);
        return text[..^hold];
    }

    /// <summary>The held-back text, released when generation ends without a stop sequence.</summary>
    public string Flush()
    {
        var rest = Stopped ? "" : pending.ToString();
        pending.Clear();
        return rest;
    }
}
