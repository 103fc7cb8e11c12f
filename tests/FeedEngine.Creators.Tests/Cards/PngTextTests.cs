using System.Text;

namespace FeedEngine.Creators.Tests.Cards;

public sealed class PngTextTests
{
    [Fact]
    public void Crc32_ofIend_isTheValueEveryPngEndsWith() =>
        Assert.Equal(0xAE426082u, PngText.Crc32("IEND"u8));

    [Fact]
    public void WithText_replacesCardChunksAndKeepsThePictureReadable()
    {
        var original = TestCards.WithTextChunks(TestCards.Picture(), ("chara", "b2xk"), ("Comment", "kept"));

        var written = PngText.WithText(original, [("ccv3", "bmV3"), ("chara", "bmV3LXYy")]);

        var text = Encoding.Latin1.GetString(written);
        Assert.DoesNotContain("chara\0b2xk", text);
        Assert.Contains("Comment\0kept", text);
        Assert.Equal(new PngCardText("ccv3", "bmV3", null), PngText.FindCard(written, 1024));
        Assert.EndsWith("IEND", text[..^4]);
        // Every chunk's CRC, checked independently of the code under test.
        for (var offset = 8; offset < written.Length;)
        {
            var length = (int)System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(written.AsSpan(offset));
            var crc = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(written.AsSpan(offset + 8 + length));
            Assert.Equal(TestCards.Crc(written.AsSpan(offset + 4, 4 + length)), crc);
            offset += 12 + length;
        }
        using var image = SixLabors.ImageSharp.Image.Load(written);
        Assert.Equal(48, image.Width);
    }
}
