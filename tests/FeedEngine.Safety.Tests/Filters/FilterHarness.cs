using System.Text;
using FeedEngine.Safety.Filters;

namespace FeedEngine.Safety.Tests.Filters;

/// <summary>Streams frames through a filter as the engine would, recording what the viewer receives and how much was held.</summary>
public sealed class FilterHarness(IOutputFilter filter)
{
    readonly StringBuilder received = new();
    int pushed;
    int released;

    public string Received => received.ToString();
    public FilterStop? Stop { get; private set; }
    public int MaxHeld { get; private set; }
    public List<string> Findings { get; } = [];

    public FilterHarness Push(params IEnumerable<string> frames)
    {
        foreach (var frame in frames)
        {
            pushed += frame.Length;
            Record(filter.Push(frame));
            MaxHeld = Math.Max(MaxHeld, pushed - released);
        }
        return this;
    }

    public FilterHarness Complete()
    {
        Record(filter.Complete());
        return this;
    }

    void Record(FilterResult result)
    {
        received.Append(result.Released);
        released += result.Released.Length;
        if (result.Findings is not null) Findings.AddRange(result.Findings);
        Stop ??= result.Stop;
    }

    /// <summary>Splits text into frames at the given cut positions.</summary>
    public static IEnumerable<string> Split(string text, params int[] cuts)
    {
        var last = 0;
        foreach (var cut in cuts.Order())
        {
            yield return text[last..cut];
            last = cut;
        }
        yield return text[last..];
    }

    /// <summary>Splits text into frames of a fixed size, like a model streaming a few characters at a time.</summary>
    public static IEnumerable<string> Chunks(string text, int size)
    {
        for (var i = 0; i < text.Length; i += size) yield return text[i..Math.Min(text.Length, i + size)];
    }
}
