using FeedEngine.Inference.Onnx;
using FeedEngine.Inference.Tests.TestModels;

namespace FeedEngine.Inference.Tests.Onnx;

public sealed class ImageCheckTests
{
    /// <summary>SOI, a baseline frame header (width 32, height 16), a scan header, one byte of data, EOI.</summary>
    static byte[] Jpeg() =>
    [
        0xFF, 0xD8,
        0xFF, 0xC0, 0x00, 0x0B, 0x08, 0x00, 0x10, 0x00, 0x20, 0x01, 0x01, 0x11, 0x00,
        0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3F, 0x00,
        0x12,
        0xFF, 0xD9,
    ];

    [Fact]
    public void Validate_well_formed_png_and_jpeg_pass()
    {
        ImageCheck.Validate(TestImages.Png(10, 10));
        ImageCheck.Validate(Jpeg());
    }

    [Theory]
    [InlineData("neither a PNG nor a JPEG", new byte[] { 0x47, 0x49, 0x46, 0x38, 0x39, 0x61 })]
    [InlineData("cut short", new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10 })]
    public void Validate_rejects_other_formats_and_truncated_jpegs(string expected, byte[] bytes)
    {
        var error = Assert.Throws<ArgumentException>(() => ImageCheck.Validate(bytes));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_rejects_a_jpeg_with_a_broken_segment_length()
    {
        var jpeg = Jpeg();
        jpeg[5] = 0xFF;
        Assert.Throws<ArgumentException>(() => ImageCheck.Validate(jpeg));
    }

    [Fact]
    public void Validate_rejects_a_jpeg_without_a_frame_header()
    {
        byte[] jpeg = [0xFF, 0xD8, 0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3F, 0x00, 0xFF, 0xD9];
        var error = Assert.Throws<ArgumentException>(() => ImageCheck.Validate(jpeg));
        Assert.Contains("no frame header", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_and_ToPng_read_a_webp_as_the_media_pipeline_stores_it()
    {
        var webp = TestImages.Webp(30, 20);
        ImageCheck.Validate(webp);
        using var png = SixLabors.ImageSharp.Image.Load(ImageCheck.ToPng(webp));
        Assert.Equal((30, 20), (png.Width, png.Height));
    }

    [Fact]
    public void Validate_rejects_a_truncated_or_malformed_webp()
    {
        var webp = TestImages.Webp(30, 20);
        Assert.Contains("RIFF length", Assert.Throws<ArgumentException>(() => ImageCheck.Validate(webp.AsSpan(0, webp.Length - 4))).Message, StringComparison.Ordinal);
        byte[] header = [.. "RIFF"u8, 12, 0, 0, 0, .. "WEBP"u8, .. "JUNKJUNK"u8];
        Assert.Throws<ArgumentException>(() => ImageCheck.Validate(header));
    }

    [Fact]
    public void Validate_rejects_huge_dimensions_and_truncated_png()
    {
        var huge = TestImages.Png(10, 10);
        huge[16] = 0x7F;
        Assert.Contains("pixels", Assert.Throws<ArgumentException>(() => ImageCheck.Validate(huge)).Message, StringComparison.Ordinal);
        var png = TestImages.Png(10, 10);
        Assert.Contains("cut short", Assert.Throws<ArgumentException>(() => ImageCheck.Validate(png.AsSpan(0, png.Length - 12))).Message, StringComparison.Ordinal);
    }
}
