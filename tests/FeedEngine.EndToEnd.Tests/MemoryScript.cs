using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using FeedEngine.Engine.Memory;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;

namespace FeedEngine.EndToEnd.Tests;

/// <summary>
/// The scripted model's answer when the engine asks it for memory facts (the extraction prompt): every message that
/// says "my dog is called X" becomes the fact "The viewer's dog is called X." tied to its turn; anything else, no facts.
/// </summary>
public static partial class MemoryScript
{
    public static bool IsExtraction(IReadOnlyList<ChatMessage> messages) =>
        messages.FirstOrDefault(m => m.Role == ChatRole.System)?.Text == MemoryExtractor.Instructions;

    public static string Answer(IReadOnlyList<ChatMessage> messages)
    {
        var prompt = messages.LastOrDefault(m => m.Role == ChatRole.User)?.Text ?? "";
        var facts = new List<object>();
        foreach (Match line in TurnLine().Matches(prompt))
            if (DogName().Match(line.Groups["text"].Value) is { Success: true } dog)
                facts.Add(new { turn = long.Parse(line.Groups["turn"].Value, System.Globalization.CultureInfo.InvariantCulture), fact = $"The viewer's dog is called {dog.Groups[1].Value}.", scope = "viewer" });
        return JsonSerializer.Serialize(new { facts });
    }

    [GeneratedRegex(@"^\[turn (?<turn>\d+)\] (?<text>.*)$", RegexOptions.Multiline)]
    private static partial Regex TurnLine();

    [GeneratedRegex(@"my dog is called (\w+)", RegexOptions.IgnoreCase)]
    private static partial Regex DogName();
}

/// <summary>
/// The clock memory waits on in the browser tests: fake, so a test decides when a session has gone quiet, and it says
/// when a wait starts, so the test moves time only once the session is waiting (never before, which would be lost).
/// </summary>
public sealed class QuietClock() : FakeTimeProvider(DateTimeOffset.UtcNow)
{
    int timers;

    /// <summary>How many waits have started so far.</summary>
    public int Timers => Volatile.Read(ref timers);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        Interlocked.Increment(ref timers);
        return timer;
    }
}
