using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace FeedEngine.Inference.ImageGeneration;

/// <summary>
/// CLIP's byte-level BPE tokenizer, read from a diffusers <c>tokenizer/</c> folder (<c>vocab.json</c>, <c>merges.txt</c>,
/// and <c>special_tokens_map.json</c> / <c>tokenizer_config.json</c> for the padding token and the length). Text is
/// cleaned and lower-cased, split into words, each word's UTF-8 bytes mapped to symbols, the last marked <c>&lt;/w&gt;</c>,
/// then merged by rank. <see cref="Encode"/> frames the ids with start and end tokens and pads to the model's length.
/// </summary>
internal sealed partial class ClipTokenizer
{
    const string StartOfText = "<|startoftext|>";
    const string EndOfText = "<|endoftext|>";
    const string EndOfWord = "</w>";
    const int CacheLimit = 20_000;

    readonly Dictionary<string, int> vocabulary;
    readonly Dictionary<(string, string), int> ranks;
    readonly char[] byteSymbols = ByteSymbols();
    readonly ConcurrentDictionary<string, int[]> cache = new(StringComparer.Ordinal);

    ClipTokenizer(Dictionary<string, int> vocabulary, Dictionary<(string, string), int> ranks, int length, int pad)
    {
        this.vocabulary = vocabulary;
        this.ranks = ranks;
        Length = length;
        PadId = pad;
        StartId = vocabulary[StartOfText];
        EndId = vocabulary[EndOfText];
    }

    /// <summary>Tokens per prompt, start and end included (77 for every Stable Diffusion text encoder).</summary>
    public int Length { get; }

    public int StartId { get; }
    public int EndId { get; }
    public int PadId { get; }

    public static ClipTokenizer Load(string folder)
    {
        var vocabPath = Path.Combine(folder, "vocab.json");
        var mergesPath = Path.Combine(folder, "merges.txt");
        foreach (var required in new[] { vocabPath, mergesPath })
        {
            if (!File.Exists(required))
                throw new ModelLoadException($"The tokenizer file {required} is missing: a diffusers tokenizer folder holds vocab.json and merges.txt.", required);
        }
        Dictionary<string, int> vocabulary;
        try
        {
            vocabulary = JsonSerializer.Deserialize<Dictionary<string, int>>(File.ReadAllText(vocabPath)) ?? [];
        }
        catch (JsonException e)
        {
            throw new ModelLoadException($"{vocabPath} is not a JSON object of tokens to ids: {e.Message}", vocabPath, e);
        }
        if (!vocabulary.ContainsKey(StartOfText) || !vocabulary.ContainsKey(EndOfText))
            throw new ModelLoadException($"{vocabPath} has no {StartOfText} or {EndOfText}: it is not a CLIP vocabulary.", vocabPath);

        var ranks = new Dictionary<(string, string), int>();
        foreach (var line in File.ReadLines(mergesPath))
        {
            if (line.StartsWith("#version", StringComparison.Ordinal) || line.Length == 0)
                continue;
            var space = line.IndexOf(' ');
            if (space <= 0 || space == line.Length - 1)
                throw new ModelLoadException($"{mergesPath} has a line that is not two symbols: '{line}'.", mergesPath);
            ranks.TryAdd((line[..space], line[(space + 1)..]), ranks.Count);
        }

        var (length, pad) = ReadSpecials(folder, vocabulary);
        return new ClipTokenizer(vocabulary, ranks, length, pad);
    }

    /// <summary>Exactly <see cref="Length"/> ids: start, the prompt's tokens (cut to fit), end, then padding.</summary>
    public int[] Encode(string text)
    {
        var ids = new List<int>(Length) { StartId };
        foreach (Match word in WordPattern().Matches(Clean(text)))
        {
            foreach (var id in WordIds(word.Value))
            {
                if (ids.Count == Length - 1)
                    break;
                ids.Add(id);
            }
        }
        ids.Add(EndId);
        while (ids.Count < Length)
            ids.Add(PadId);
        return [.. ids];
    }

    int[] WordIds(string word)
    {
        if (word is StartOfText or EndOfText)
            return [vocabulary[word]];
        if (cache.TryGetValue(word, out var cached))
            return cached;
        var symbols = Encoding.UTF8.GetBytes(word).Select(b => byteSymbols[b].ToString()).ToList();
        symbols[^1] += EndOfWord;
        while (symbols.Count > 1)
        {
            var best = -1;
            var bestRank = int.MaxValue;
            for (var i = 0; i < symbols.Count - 1; i++)
            {
                if (ranks.TryGetValue((symbols[i], symbols[i + 1]), out var rank) && rank < bestRank)
                    (best, bestRank) = (i, rank);
            }
            if (best < 0)
                break;
            // Merge every occurrence of the best pair, left to right, as the reference implementation does.
            var (left, right) = (symbols[best], symbols[best + 1]);
            var merged = new List<string>(symbols.Count);
            for (var i = 0; i < symbols.Count; i++)
            {
                if (i < symbols.Count - 1 && symbols[i] == left && symbols[i + 1] == right)
                {
                    merged.Add(left + right);
                    i++;
                }
                else
                {
                    merged.Add(symbols[i]);
                }
            }
            symbols = merged;
        }
        var ids = symbols.Select(s => vocabulary.TryGetValue(s, out var id) ? id : EndId).ToArray();
        if (cache.Count < CacheLimit)
            cache.TryAdd(word, ids);
        return ids;
    }

    static string Clean(string text)
    {
        var unescaped = WebUtility.HtmlDecode(WebUtility.HtmlDecode(text));
        return Whitespace().Replace(unescaped, " ").Trim().ToLowerInvariant();
    }

    static (int Length, int Pad) ReadSpecials(string folder, Dictionary<string, int> vocabulary)
    {
        var length = 77;
        var pad = vocabulary[EndOfText];
        foreach (var file in new[] { "tokenizer_config.json", "special_tokens_map.json" })
        {
            var path = Path.Combine(folder, file);
            if (!File.Exists(path))
                continue;
            try
            {
                using var document = JsonDocument.Parse(File.ReadAllText(path));
                var root = document.RootElement;
                if (root.TryGetProperty("model_max_length", out var max) && max.ValueKind == JsonValueKind.Number && max.TryGetInt32(out var value) && value is >= 3 and <= 1024)
                    length = value;
                if (root.TryGetProperty("pad_token", out var token))
                {
                    var content = token.ValueKind == JsonValueKind.Object && token.TryGetProperty("content", out var c) ? c.GetString() : token.ValueKind == JsonValueKind.String ? token.GetString() : null;
                    if (content is not null && vocabulary.TryGetValue(content, out var id))
                        pad = id;
                }
            }
            catch (JsonException e)
            {
                throw new ModelLoadException($"{path} is not valid JSON: {e.Message}", path, e);
            }
        }
        return (length, pad);
    }

    /// <summary>GPT-2's reversible byte-to-symbol mapping, which CLIP's vocabulary is written in.</summary>
    internal static char[] ByteSymbols()
    {
        var symbols = new char[256];
        var shifted = 0;
        for (var b = 0; b < 256; b++)
        {
            var printable = b is >= '!' and <= '~' or >= 0xA1 and <= 0xAC or >= 0xAE and <= 0xFF;
            symbols[b] = printable ? (char)b : (char)(256 + shifted++);
        }
        return symbols;
    }

    [GeneratedRegex(@"<\|startoftext\|>|<\|endoftext\|>|'s|'t|'re|'ve|'m|'ll|'d|[\p{L}]+|[\p{N}]|[^\s\p{L}\p{N}]+", RegexOptions.IgnoreCase)]
    private static partial Regex WordPattern();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
