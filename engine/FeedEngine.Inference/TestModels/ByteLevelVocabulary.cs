namespace FeedEngine.Inference.TestModels;

/// <summary>
/// The generated models' vocabulary: the 256 bytes as ids 0-255 (in the GPT-2 byte-to-symbol mapping),
/// a few merges of common English pairs, then Llama 3 style special tokens.
/// </summary>
internal static class ByteLevelVocabulary
{
    public const string BeginOfText = "<|begin_of_text|>";
    public const string EndOfText = "<|end_of_text|>";
    public const string StartHeader = "<|start_header_id|>";
    public const string EndHeader = "<|end_header_id|>";
    public const string EndOfTurn = "<|eot_id|>";

    /// <summary>Pairs merged by the BPE model, in priority order; each side is already in the vocabulary when it is merged.</summary>
    static readonly (string Left, string Right)[] MergePairs =
    [
        (" ", "t"), ("h", "e"), (" ", "a"), ("i", "n"), (" t", "he"), ("e", "r"), ("o", "n"), ("r", "e"),
        (" ", "s"), ("e", "n"), ("a", "t"), ("o", "r"), (" ", "w"), ("i", "s"), (" ", "o"), ("e", "s"),
        ("a", "n"), (" ", "c"), ("i", "t"), ("in", "g"), (" ", "b"), ("o", "u"), (" ", "f"), ("a", "r"),
    ];

    static readonly string[] SpecialTokens = [BeginOfText, EndOfText, StartHeader, EndHeader, EndOfTurn];

    /// <summary>Merged tokens as (left, right) byte strings; their ids follow the 256 bytes.</summary>
    public static IReadOnlyList<(string Left, string Right)> Merges => MergePairs;

    public static int MergeCount => MergePairs.Length;

    public static int FirstSpecialId => 256 + MergePairs.Length;

    public static int Size => FirstSpecialId + SpecialTokens.Length;

    public static IReadOnlyList<string> Specials => SpecialTokens;

    public static int IdOf(string special) => FirstSpecialId + Array.IndexOf(SpecialTokens, special);

    /// <summary>The text of token <paramref name="id"/> (bytes and merges; specials excluded).</summary>
    public static string TextOf(int id) =>
        id < 256 ? ((char)id).ToString() : MergePairs[id - 256].Left + MergePairs[id - 256].Right;

    /// <summary>GPT-2's reversible byte-to-symbol mapping: printable Latin-1 bytes map to themselves, the rest to U+0100 onwards.</summary>
    public static char[] ByteSymbols()
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

    public static string Encode(string text, char[] symbols) => string.Concat(text.Select(c => symbols[c]));
}
