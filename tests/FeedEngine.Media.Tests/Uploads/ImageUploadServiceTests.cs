using System.Text;
using FeedEngine.Storage.Images;
using Microsoft.Extensions.Options;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.PixelFormats;

namespace FeedEngine.Media.Tests.Uploads;

public sealed class ImageUploadServiceTests : IDisposable
{
    readonly UploadStore store = UploadStore.Start();

    public void Dispose() => store.Dispose();

    [Theory]
    [MemberData(nameof(HostileCorpus.Names), MemberType = typeof(HostileCorpus))]
    public async Task UploadAsync_hostile_file_is_refused_and_nothing_is_stored(string name)
    {
        var file = HostileCorpus.Named(name);

        await using var content = file.Open();
        var result = await store.Uploads.UploadAsync(content, "attacker");

        Assert.False(result.Succeeded);
        Assert.Equal(file.Kind, result.Failure.Kind);
        Assert.Contains(file.MessageFragment, result.Failure.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, store.StoredImageCount);
        Assert.Equal(0, store.StoredFolderCount);
    }

    [Fact]
    public async Task UploadAsync_png_stores_three_variants_at_the_configured_sizes()
    {
        var result = await store.UploadAsync(TestImages.Png(2000, 1000));

        Assert.True(result.Succeeded);
        Assert.False(result.Deduplicated);
        var image = result.Image;
        Assert.Equal((2000, 1000), (image.Width, image.Height));
        Assert.Equal("viewer-1", image.OwnerId);
        Assert.Matches("^[0-9a-f]{64}$", image.ContentHash);
        var expected = new Dictionary<string, (int, int)>
        {
            [ImageVariantNames.Full] = (1600, 800),
            [ImageVariantNames.Card] = (640, 320),
            [ImageVariantNames.Thumbnail] = (160, 80),
        };
        Assert.Equal(expected.Keys.Order(), image.Variants.Select(v => v.Name).Order());
        foreach (var variant in image.Variants)
        {
            Assert.Equal("image/webp", variant.ContentType);
            Assert.Equal(expected[variant.Name], (variant.Width, variant.Height));
            var bytes = await store.ReadVariantAsync(image.Id, variant.Name);
            Assert.Equal(variant.Length, bytes.Length);
            using var stored = Image.Load(bytes, out var format);
            Assert.Equal("WEBP", format.Name, ignoreCase: true);
            Assert.Equal(expected[variant.Name], (stored.Width, stored.Height));
        }
        Assert.Equal(1, store.StoredImageCount);
    }

    [Fact]
    public async Task UploadAsync_small_image_is_never_enlarged()
    {
        var result = await store.UploadAsync(TestImages.WebP(120, 90));

        Assert.True(result.Succeeded);
        Assert.All(result.Image.Variants, v => Assert.Equal((120, 90), (v.Width, v.Height)));
    }

    [Fact]
    public async Task UploadAsync_jpeg_with_gps_exif_is_stored_without_any_metadata()
    {
        var upload = TestImages.Jpeg(800, 600, exif: TestImages.PhoneExif());
        using (var original = Image.Load(upload))
            Assert.NotNull(original.Metadata.ExifProfile?.GetValue(ExifTag.GPSLatitude)); // the corpus file really carries GPS

        var result = await store.UploadAsync(upload);

        Assert.True(result.Succeeded);
        foreach (var variant in result.Image.Variants)
        {
            var bytes = await store.ReadVariantAsync(result.Image.Id, variant.Name);
            using var stored = Image.Load(bytes);
            Assert.Null(stored.Metadata.ExifProfile);
            Assert.Null(stored.Metadata.XmpProfile);
            Assert.Null(stored.Metadata.IccProfile);
            Assert.Equal(-1, bytes.AsSpan().IndexOf("Exif"u8));
            Assert.Equal(-1, bytes.AsSpan().IndexOf("TestPhone"u8));
        }
    }

    [Fact]
    public async Task UploadAsync_phone_photo_with_exif_orientation_is_stored_upright()
    {
        // Orientation 6: the camera held the sensor on its side; viewers rotate 90 degrees clockwise to show it upright.
        // The picture's red grows from left to right, so upright its top is dark red and its bottom bright red.
        var result = await store.UploadAsync(TestImages.Jpeg(400, 200, exif: TestImages.PhoneExif(orientation: 6)));

        Assert.True(result.Succeeded);
        Assert.Equal((200, 400), (result.Image.Width, result.Image.Height));
        using var full = Image.Load<Rgb24>(await store.ReadVariantAsync(result.Image.Id, ImageVariantNames.Full));
        Assert.Equal((200, 400), (full.Width, full.Height));
        Assert.True(full[100, 4].R < 90, $"top red {full[100, 4].R}");
        Assert.True(full[100, 395].R > 165, $"bottom red {full[100, 395].R}");
    }

    [Fact]
    public async Task UploadAsync_same_picture_twice_returns_the_first_image()
    {
        var picture = TestImages.Jpeg(640, 480, seed: 11);

        var first = await store.UploadAsync(picture, "viewer-1");
        var second = await store.UploadAsync(picture, "viewer-2");

        Assert.True(first.Succeeded && second.Succeeded);
        Assert.False(first.Deduplicated);
        Assert.True(second.Deduplicated);
        Assert.Equal(first.Image.Id, second.Image.Id);
        Assert.Equal(1, store.StoredImageCount);
        Assert.Equal(1, store.StoredFolderCount);
    }

    [Fact]
    public async Task UploadAsync_same_picture_at_once_is_stored_once()
    {
        var picture = TestImages.Png(500, 400, seed: 12);

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(() => store.UploadAsync(picture, $"viewer-{i}"))));

        Assert.All(results, r => Assert.True(r.Succeeded));
        Assert.Single(results.Select(r => r.Image!.Id).Distinct());
        Assert.Equal(1, store.StoredImageCount);
        Assert.Equal(1, store.StoredFolderCount);
    }

    [Fact]
    public async Task UploadAsync_trailing_bytes_after_the_image_are_accepted()
    {
        // Phones append data after a JPEG's end marker (motion photos); PNGs can have bytes after IEND.
        var jpeg = TestImages.Jpeg(300, 200, seed: 13).Concat(Encoding.ASCII.GetBytes(new string('x', 5000))).ToArray();
        var png = TestImages.Png(300, 200, seed: 13).Concat(new byte[100]).ToArray();

        Assert.True((await store.UploadAsync(jpeg)).Succeeded);
        Assert.True((await store.UploadAsync(png)).Succeeded);
    }

    [Fact]
    public async Task UploadAsync_jpeg_output_puts_transparency_on_white()
    {
        using var jpegStore = UploadStore.Start(("OutputFormat", "Jpeg"), ("Quality", "85"));

        var result = await jpegStore.UploadAsync(TestImages.Png(400, 200, transparent: true));

        Assert.True(result.Succeeded);
        Assert.All(result.Image.Variants, v => Assert.Equal("image/jpeg", v.ContentType));
        using var full = Image.Load<Rgb24>(await jpegStore.ReadVariantAsync(result.Image.Id, ImageVariantNames.Full), out var format);
        Assert.Equal("JPEG", format.Name, ignoreCase: true);
        var transparentCorner = full[20, 100];
        Assert.True(transparentCorner is { R: > 240, G: > 240, B: > 240 }, $"expected white, got {transparentCorner}");
    }

    [Fact]
    public async Task UploadAsync_limits_come_from_configuration()
    {
        using var strict = UploadStore.Start(("MaxPixels", "100000"), ("MaxWidth", "1000"), ("MaxBytes", "400000"),
            ("ThumbnailSize", "50"), ("CardSize", "100"), ("FullSize", "200"));

        var tooManyPixels = await strict.UploadAsync(TestImages.Jpeg(400, 300)); // 120,000 pixels
        var tooWide = await strict.UploadAsync(TestImages.Jpeg(1100, 50));
        var tooManyBytes = await strict.UploadAsync(TestImages.Png(300, 300).Concat(new byte[400_000]).ToArray());
        var fits = await strict.UploadAsync(TestImages.Jpeg(300, 300));

        Assert.Equal(ImageUploadFailureKind.TooLarge, tooManyPixels.Failure?.Kind);
        Assert.Contains("400 x 300 pixels", tooManyPixels.Failure!.Message);
        Assert.Contains("0.1 megapixels", tooManyPixels.Failure.Message);
        Assert.Equal(ImageUploadFailureKind.TooLarge, tooWide.Failure?.Kind);
        Assert.Equal(ImageUploadFailureKind.TooLarge, tooManyBytes.Failure?.Kind);
        Assert.Contains("0.4 MB", tooManyBytes.Failure!.Message);
        Assert.True(fits.Succeeded);
        Assert.Equal([(200, 200), (100, 100), (50, 50)], fits.Image.Variants.Select(v => (v.Width, v.Height)));
        Assert.Equal(1, strict.StoredImageCount);
    }

    [Fact]
    public void AddMedia_refuses_variant_sizes_that_shrink_at_start()
    {
        var error = Assert.Throws<OptionsValidationException>(() => UploadStore.Start(("CardSize", "2000"), ("FullSize", "1600")).Dispose());

        Assert.Contains("Variant sizes must grow", error.Message);
    }
}
