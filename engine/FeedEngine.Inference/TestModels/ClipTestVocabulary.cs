using System.Text.Json;

namespace FeedEngine.Inference.TestModels;

/// <summary>
/// A CLIP tokenizer folder in the diffusers layout, laid out like the real one: the 256 byte symbols (GPT-2 order),
/// the same with the end-of-word mark <c>&lt;/w&gt;</c>, a few merges of common English pieces, then
/// <c>&lt;|startoftext|&gt;</c> and <c>&lt;|endoftext|&gt;</c>.
/// </summary>
internal static class ClipTestVocabulary
{
    public const string StartOfText = "<|startoftext|>";
    public const string EndOfText = "<|endoftext|>";

    /// <summary>Merges in rank order; each side is a byte symbol or an earlier merge.</summary>
    static readonly (string Left, string Right)[] MergePairs =
    [
        ("t", "h"), ("th", "e</w>"), ("i", "n"), ("in", "g</w>"), ("a", "n"), ("an", "d</w>"), ("e", "r</w>"), ("o", "n</w>"),
        ("o", "u"), ("l", "i"), ("s", "t"), ("e", "n"), ("r", "e"), ("a", "r"), ("o", "r"), ("l", "o"),
        ("a", "t</w>"), ("i", "s</w>"), ("o", "f</w>"), ("g", "h"), ("li", "gh"), ("s", "e</w>"),
    ];

    public static IReadOnlyList<string> Tokens()
    {
        var symbols = SymbolsInVocabularyOrder();
        return [.. symbols, .. symbols.Select(s => s + "</w>"), .. MergePairs.Select(m => m.Left + m.Right), StartOfText, EndOfText];
    }

    public static void Write(string folder)
    {
        Directory.CreateDirectory(folder);
        var vocabulary = Tokens().Select((token, id) => (token, id)).ToDictionary(p => p.token, p => p.id);
        var indented = new JsonSerializerOptions { WriteIndented = true };
        File.WriteAllText(Path.Combine(folder, "vocab.json"), JsonSerializer.Serialize(vocabulary));
        File.WriteAllLines(Path.Combine(folder, "merges.txt"), ["#version: 0.2", .. MergePairs.Select(m => $"{m.Left} {m.Right}")]);
        object Special(string content) => new { content, lstrip = false, normalized = true, rstrip = false, single_word = false };
        File.WriteAllText(Path.Combine(folder, "special_tokens_map.json"), JsonSerializer.Serialize(new
        {
            bos_token = Special(StartOfText),
            eos_token = Special(EndOfText),
            pad_token = Special(EndOfText),
            unk_token = Special(EndOfText),
        }, indented));
        File.WriteAllText(Path.Combine(folder, "tokenizer_config.json"), JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["tokenizer_class"] = "CLIPTokenizer",
            ["do_lower_case"] = true,
            ["model_max_length"] = 77,
            ["bos_token"] = StartOfText,
            ["eos_token"] = EndOfText,
            ["pad_token"] = EndOfText,
            ["unk_token"] = EndOfText,
        }, indented));
    }

    /// <summary>The byte symbols as CLIP's vocabulary lists them: printable bytes in order, then the shifted ones.</summary>
    static List<string> SymbolsInVocabularyOrder()
    {
        var symbols = ByteLevelVocabulary.ByteSymbols();
        var printable = Enumerable.Range(0, 256).Where(b => symbols[b] == (char)b).Select(b => symbols[b].ToString());
        var shifted = Enumerable.Range(0, 256).Where(b => symbols[b] != (char)b).Select(b => symbols[b].ToString());
        return [.. printable, .. shifted];
    }
}
