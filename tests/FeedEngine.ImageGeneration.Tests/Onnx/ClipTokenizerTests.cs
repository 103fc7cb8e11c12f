using FeedEngine.Inference.ImageGeneration;

namespace FeedEngine.ImageGeneration.Tests.Onnx;

public sealed class ClipTokenizerTests(TinyDiffusionModel model) : IClassFixture<TinyDiffusionModel>
{
    ClipTokenizer Tokenizer => ClipTokenizer.Load(Path.Combine(model.Folder, "tokenizer"));

    Dictionary<string, int> Vocabulary => System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, int>>(File.ReadAllText(Path.Combine(model.Folder, "tokenizer", "vocab.json")))!;

    [Fact]
    public void Encode_framesWithStartAndEnd_andPadsTo77()
    {
        var ids = Tokenizer.Encode("the");

        Assert.Equal(77, ids.Length);
        Assert.Equal(Vocabulary["<|startoftext|>"], ids[0]);
        Assert.Equal(Vocabulary["the</w>"], ids[1]);
        Assert.Equal(Vocabulary["<|endoftext|>"], ids[2]);
        Assert.All(ids[3..], id => Assert.Equal(Tokenizer.PadId, id));
    }

    [Fact]
    public void Encode_lowerCasesCollapsesSpaceAndMergesByRank()
    {
        var vocabulary = Vocabulary;

        var ids = Tokenizer.Encode("  The   LIGHT, &amp; sea ");

        // "light" -> li + gh (+ "gh" first) -> "ligh" then "t</w>"; "," alone; "&" after unescaping; "sea" -> s + e + a</w>.
        int[] expected = [vocabulary["the</w>"], vocabulary["ligh"], vocabulary["t</w>"], vocabulary[",</w>"], vocabulary["&</w>"], vocabulary["s"], vocabulary["e"], vocabulary["a</w>"]];
        Assert.Equal(expected, ids[1..(1 + expected.Length)]);
        Assert.Equal(Tokenizer.EndId, ids[1 + expected.Length]);
    }

    [Fact]
    public void Encode_longPrompt_isCutToFitAndStillEnds()
    {
        var ids = Tokenizer.Encode(string.Join(' ', Enumerable.Repeat("storm", 200)));

        Assert.Equal(77, ids.Length);
        Assert.Equal(Tokenizer.EndId, ids[^1]);
        Assert.DoesNotContain(Tokenizer.PadId == Tokenizer.EndId ? -1 : Tokenizer.PadId, ids);
    }

    [Fact]
    public void Encode_nonAsciiText_usesByteSymbols()
    {
        var ids = Tokenizer.Encode("é");

        // é is two UTF-8 bytes (C3 A9); the second carries the end-of-word mark.
        var symbols = ClipTokenizer.ByteSymbols();
        Assert.Equal([Vocabulary[symbols[0xC3].ToString()], Vocabulary[symbols[0xA9] + "</w>"]], ids[1..3]);
    }
}
