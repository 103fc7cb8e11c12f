using System.Text;
using System.Text.Json;
using FeedEngine.Storage;
using FeedEngine.Storage.Memory;
using FeedEngine.Storage.Sessions;
using FeedEngine.Storage.Viewers;
using FeedEngine.Inference.Scheduling;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FeedEngine.Engine.Memory;

/// <summary>The viewer turns of one quiet session that memory has not read yet.</summary>
public sealed record MemorySource(string ViewerId, string PostId, string SessionId, IReadOnlyList<TurnDocument> ViewerTurns);

/// <summary>What one extraction did: facts stored, and how long the model's answer was (0 when the model was not asked).</summary>
public sealed record MemoryExtraction(int Stored, int AnswerCharacters);

/// <summary>
/// Asks the model for durable facts the viewer stated about themselves (names, pets, preferences, ongoing stories) in
/// a quiet session's messages, and stores each with the turn it came from and its embedding. Nothing is read or stored
/// for a viewer who turned memory off. A model answer that is not the requested JSON stores nothing.
/// </summary>
public sealed partial class MemoryExtractor(
    IChatClient chat,
    IMemoryRepository facts,
    IViewerProfileRepository profiles,
    IOptions<MemoryOptions> options,
    TimeProvider time,
    ILogger<MemoryExtractor> logger,
    IEmbeddingGenerator<string, Embedding<float>>? embeddings = null)
{
    const int SourceTextLength = 300;

    public const string Instructions =
        "You keep a short memory about the person chatting, so that later conversations can recall it. " +
        "From the person's messages below, list durable facts they stated about themselves: names of people and pets, " +
        "preferences, plans, ongoing stories, things they asked you to remember. Ignore questions, greetings and anything " +
        "about the character or the story world. Write each fact as a short sentence about \"the viewer\".\n" +
        "Answer with JSON only, in this form: {\"facts\":[{\"turn\":3,\"fact\":\"The viewer's dog is called Biscuit.\",\"scope\":\"viewer\"}]}\n" +
        "scope is \"viewer\" for facts about the person that matter everywhere, \"post\" for facts that only matter in this story. " +
        "If there is nothing durable, answer {\"facts\":[]}.";

    /// <summary>The user message the model is given: the viewer's messages, each with its turn number.</summary>
    public static string Prompt(IEnumerable<TurnDocument> viewerTurns)
    {
        var text = new StringBuilder("Messages:");
        foreach (var turn in viewerTurns) text.Append("\n[turn ").Append(turn.Seq).Append("] ").Append(turn.Text.ReplaceLineEndings(" "));
        return text.ToString();
    }

    /// <summary>Extracts and stores facts (none, and no model call, with memory off).</summary>
    public async Task<MemoryExtraction> ExtractAsync(MemorySource source, CancellationToken cancellationToken)
    {
        if ((await profiles.FindAsync(source.ViewerId, cancellationToken))?.MemoryOff == true || source.ViewerTurns.Count == 0) return new(0, 0);
        var settings = options.Value;
        var read = source.ViewerTurns.TakeLast(settings.MaxTurnsPerExtraction).ToList();

        var answer = new StringBuilder();
        var chatOptions = new ChatOptions { MaxOutputTokens = 400, Temperature = 0 }.WithViewer(source.ViewerId);
        List<ChatMessage> messages = [new(ChatRole.System, Instructions), new(ChatRole.User, Prompt(read))];
        await foreach (var update in chat.GetStreamingResponseAsync(messages, chatOptions, cancellationToken)) answer.Append(update.Text);

        var found = Parse(answer.ToString(), read, settings);
        if (found.Count == 0)
        {
            MemoryLog.NothingFound(logger, source.SessionId, read.Count, answer.Length);
            return new(0, answer.Length);
        }
        var known = (await facts.ListAsync(source.ViewerId, settings.MaxFactsPerViewer, cancellationToken))
            .Select(f => f.Text).ToHashSet(StringComparer.OrdinalIgnoreCase);
        found = [.. found.Where(f => known.Add(f.Fact))];
        var vectors = embeddings is null || found.Count == 0 ? null : await embeddings.GenerateAsync(found.Select(f => f.Fact), cancellationToken: cancellationToken);

        var stored = 0;
        var now = time.GetUtcNow().UtcDateTime;
        for (var i = 0; i < found.Count; i++)
        {
            var (turn, fact, scope) = found[i];
            var document = new MemoryFactDocument
            {
                Id = MemoryFactDocument.MakeId(source.ViewerId, source.SessionId, turn.Seq, i),
                ViewerId = source.ViewerId,
                Scope = scope,
                PostId = source.PostId,
                Text = fact,
                SourceSessionId = source.SessionId,
                SourceTurnSeq = turn.Seq,
                SourceText = turn.Text.Length > SourceTextLength ? turn.Text[..SourceTextLength] : turn.Text,
                Embedding = vectors?[i].Vector.ToArray() ?? [],
                CreatedAt = now,
            };
            if (await facts.InsertAsync(document, cancellationToken) == WriteOutcome.Ok) stored++;
        }
        MemoryLog.Stored(logger, source.SessionId, stored, source.ViewerId);
        return new(stored, answer.Length);
    }

    /// <summary>The facts in the model's answer that name one of the turns it was given, within the limits.</summary>
    public static List<(TurnDocument Turn, string Fact, MemoryScope Scope)> Parse(string answer, IReadOnlyList<TurnDocument> turns, MemoryOptions settings)
    {
        var found = new List<(TurnDocument, string, MemoryScope)>();
        var start = answer.IndexOf('{', StringComparison.Ordinal);
        var end = answer.LastIndexOf('}');
        if (start < 0 || end <= start) return found;
        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(answer[start..(end + 1)], new JsonDocumentOptions { MaxDepth = 8 });
        }
        catch (JsonException)
        {
            return found;
        }
        using (json)
        {
            if (json.RootElement.ValueKind != JsonValueKind.Object || !json.RootElement.TryGetProperty("facts", out var list) || list.ValueKind != JsonValueKind.Array) return found;
            foreach (var item in list.EnumerateArray())
            {
                if (found.Count >= settings.MaxFactsPerExtraction) break;
                if (item.ValueKind != JsonValueKind.Object
                    || !item.TryGetProperty("turn", out var turnValue) || turnValue.ValueKind != JsonValueKind.Number || !turnValue.TryGetInt64(out var seq)
                    || !item.TryGetProperty("fact", out var factValue) || factValue.ValueKind != JsonValueKind.String) continue;
                var fact = string.Join(' ', (factValue.GetString() ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
                if (fact.Length < 3 || fact.Length > settings.MaxFactLength || turns.FirstOrDefault(t => t.Seq == seq) is not { } turn) continue;
                var scope = item.TryGetProperty("scope", out var scopeValue) && scopeValue.ValueKind == JsonValueKind.String && scopeValue.GetString() == "post"
                    ? MemoryScope.ViewerOnPost
                    : MemoryScope.Viewer;
                found.Add((turn, fact, scope));
            }
        }
        return found;
    }
}

static partial class MemoryLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Memory: session {SessionId} stored {Count} fact(s) for {ViewerId}")]
    public static partial void Stored(ILogger logger, string sessionId, int count, string viewerId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Memory: session {SessionId}, {Turns} message(s) read, no usable facts in a {Length}-character answer")]
    public static partial void NothingFound(ILogger logger, string sessionId, int turns, int length);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Memory: extraction for session {SessionId} failed")]
    public static partial void ExtractionFailed(ILogger logger, Exception exception, string sessionId);
}
