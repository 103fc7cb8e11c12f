using System.Text;

namespace FeedEngine.Creators.Tests.Cards;

public sealed class CardReaderTests
{
    [Fact]
    public void Read_v2Json_givesTheSpecAndTheDataObject()
    {
        var result = CardReader.Read(TestCards.Utf8(TestCards.V2()));

        Assert.True(result.Succeeded, result.Error?.Message);
        Assert.Equal(CardSpec.V2, result.Value.Spec);
        Assert.Equal("Wren the Cartographer", (string?)result.Value.Data["name"]);
        Assert.Null(result.Value.Png);
    }

    [Fact]
    public void Read_v3JsonWithByteOrderMark_isRead()
    {
        var result = CardReader.Read([0xEF, 0xBB, 0xBF, .. TestCards.Utf8(TestCards.V3())]);

        Assert.True(result.Succeeded, result.Error?.Message);
        Assert.Equal(CardSpec.V3, result.Value.Spec);
    }

    [Theory]
    [InlineData("chara", CardSpec.V2)]
    [InlineData("ccv3", CardSpec.V3)]
    public void Read_pngWithCardChunk_readsTheCardAndKeepsThePicture(string keyword, CardSpec spec)
    {
        var png = TestCards.PngCard(spec == CardSpec.V2 ? TestCards.V2() : TestCards.V3(), keyword);

        var result = CardReader.Read(png);

        Assert.True(result.Succeeded, result.Error?.Message);
        Assert.Equal(spec, result.Value.Spec);
        Assert.Same(png, result.Value.Png);
        Assert.Equal("inkwell", (string?)result.Value.Data["creator"]);
    }

    [Fact]
    public void Read_pngWithBothChunks_prefersTheV3Card()
    {
        var v2 = TestCards.V2();
        v2["data"]!["name"] = "Old name";
        var png = TestCards.WithTextChunks(TestCards.Picture(),
            ("chara", Convert.ToBase64String(TestCards.Utf8(v2))),
            ("ccv3", Convert.ToBase64String(TestCards.Utf8(TestCards.V3()))));

        var result = CardReader.Read(png);

        Assert.Equal(CardSpec.V3, result.Value!.Spec);
        Assert.Equal("Wren the Cartographer", (string?)result.Value.Data["name"]);
    }

    [Fact]
    public void Read_pngBomb_readsTheCardWithoutInflatingThePicture()
    {
        var result = CardReader.Read(TestCards.PngBomb(TestCards.V2()));

        // The picture is the upload pipeline's to refuse; reading the card never touches the image data.
        Assert.True(result.Succeeded, result.Error?.Message);
    }

    public static TheoryData<string, byte[], PostErrorKind, string> Hostile()
    {
        var wrongSpec = TestCards.V2();
        wrongSpec["spec"] = "chara_card_v9";
        var mismatchedVersion = TestCards.V2();
        mismatchedVersion["spec_version"] = "3.0";
        var noData = TestCards.V2();
        noData.Remove("data");
        var v1 = new JsonObject { ["name"] = "Old", ["description"] = "x", ["first_mes"] = "hi" };
        var deep = new StringBuilder("{\"spec\":\"chara_card_v2\",\"data\":{\"name\":\"x\",\"extensions\":");
        for (var i = 0; i < 200; i++) deep.Append("{\"a\":");
        deep.Append('1').Append('}', 200).Append("}}");
        var huge = TestCards.V2();
        huge["data"]!["description"] = new string('x', CardReader.MaxJsonBytes);
        var latin1 = Encoding.Latin1.GetBytes(TestCards.V2().ToJsonString().Replace("Wren", "Wrén"));

        return new()
        {
            { "wrong spec", TestCards.Utf8(wrongSpec), PostErrorKind.Invalid, "chara_card_v9" },
            { "mismatched spec_version", TestCards.Utf8(mismatchedVersion), PostErrorKind.Invalid, "spec_version" },
            { "no data", TestCards.Utf8(noData), PostErrorKind.Invalid, "\"data\"" },
            { "version 1 card", TestCards.Utf8(v1), PostErrorKind.Invalid, "version 1" },
            { "not a card", "{\"hello\":\"world\"}"u8.ToArray(), PostErrorKind.Invalid, "no \"spec\"" },
            { "json array", "[1,2,3]"u8.ToArray(), PostErrorKind.Unsupported, "neither a PNG nor a JSON" },
            { "malformed json", "{\"spec\":\"chara_card_v2\",\"data\":{\"name\":}"u8.ToArray(), PostErrorKind.Invalid, "not valid JSON" },
            { "deeply nested", Encoding.UTF8.GetBytes(deep.ToString()), PostErrorKind.Invalid, "nested more than 64" },
            { "duplicate keys", "{\"spec\":\"chara_card_v2\",\"spec\":\"chara_card_v2\",\"data\":{\"name\":\"x\"}}"u8.ToArray(), PostErrorKind.Invalid, "written twice" },
            { "not utf-8", latin1, PostErrorKind.Invalid, "UTF-8" },
            { "utf-16", [0xFF, 0xFE, .. Encoding.Unicode.GetBytes(TestCards.V2().ToJsonString())], PostErrorKind.Invalid, "UTF-16" },
            { "huge json", TestCards.Utf8(huge), PostErrorKind.TooLarge, "at most 2 MB" },
            { "empty", [], PostErrorKind.Invalid, "empty" },
            { "gif", "GIF89a\u0001\u0000\u0001\u0000"u8.ToArray(), PostErrorKind.Unsupported, "neither a PNG nor a JSON" },
            { "charx zip", "PK\u0003\u0004rest"u8.ToArray(), PostErrorKind.Unsupported, "CHARX" },
            { "png without card", TestCards.Picture(), PostErrorKind.Invalid, "no character card" },
            { "bad base64", TestCards.WithTextChunks(TestCards.Picture(), ("chara", "not*base64!")), PostErrorKind.Invalid, "not valid base64" },
            { "base64 of garbage", TestCards.WithTextChunks(TestCards.Picture(), ("chara", Convert.ToBase64String([0xC3, 0x28, 0xA0, 0xA1]))), PostErrorKind.Invalid, "UTF-8" },
            { "truncated png", TestCards.PngCard(TestCards.V2())[..200], PostErrorKind.Invalid, "cut off" },
            { "huge card chunk", TestCards.WithTextChunks(TestCards.Picture(), ("chara", new string('A', CardReader.MaxPngTextBytes + 4))), PostErrorKind.TooLarge, "at most" },
        };
    }

    [Theory, MemberData(nameof(Hostile))]
    public void Read_hostileOrBrokenCard_refusedWithAClearMessage(string name, byte[] file, PostErrorKind kind, string says)
    {
        var result = CardReader.Read(file);

        Assert.False(result.Succeeded, name);
        Assert.Equal(kind, result.Error.Kind);
        Assert.Contains(says, result.Error.Message);
    }

    [Fact]
    public void Read_pngChunkWithBadChecksum_refused()
    {
        var png = TestCards.PngCard(TestCards.V2());
        var at = Encoding.Latin1.GetString(png).IndexOf("tEXtchara", StringComparison.Ordinal);
        png[at + 20] ^= 0x01; // one bit of the base64 text flips; the CRC no longer matches

        var result = CardReader.Read(png);

        Assert.Equal(PostErrorKind.Invalid, result.Error?.Kind);
        Assert.Contains("checksum", result.Error?.Message);
    }

    [Fact]
    public void Read_pngChunkClaimingMoreThanTheFile_refusedWithoutReadingPastTheEnd()
    {
        var png = TestCards.PngCard(TestCards.V2());
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(33), 0x7FFFFFF0);

        var result = CardReader.Read(png);

        Assert.Equal(PostErrorKind.Invalid, result.Error?.Kind);
        Assert.Contains("claims", result.Error?.Message);
    }
}
