namespace FeedEngine.Storage.Tests.Contract;

public abstract partial class StorageContractTests
{
    async Task<byte[]?> ReadVariantAsync(string imageId, string variant)
    {
        var content = await Images.OpenVariantAsync(imageId, variant);
        if (content is null) return null;
        await using var stream = content.Stream;
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        Assert.Equal(copy.Length, content.Length);
        return copy.ToArray();
    }

    [SkippableFact]
    public async Task InsertAsync_image_roundTripsMetadataAndTheBytesOfEveryVariant()
    {
        var (image, bytes) = Samples.Image(seed: 1);

        Assert.Equal(WriteOutcome.Ok, await Images.InsertAsync(image, bytes));

        AssertSameDocument(image, await Images.FindAsync(image.Id));
        AssertSameDocument(image, await Images.FindByHashAsync(image.ContentHash));
        foreach (var variant in image.Variants)
        {
            var content = await Images.OpenVariantAsync(image.Id, variant.Name);
            Assert.NotNull(content);
            Assert.Equal(variant.ContentType, content.ContentType);
            await content.Stream.DisposeAsync();
            Assert.Equal(bytes[variant.Name], await ReadVariantAsync(image.Id, variant.Name));
        }
        Assert.Null(await Images.OpenVariantAsync(image.Id, "poster"));
    }

    [SkippableFact]
    public async Task InsertAsync_imageContentHashTaken_returnsDuplicateAndKeepsTheFirst()
    {
        var (first, firstBytes) = Samples.Image(seed: 2);
        await Images.InsertAsync(first, firstBytes);
        var (second, secondBytes) = Samples.Image(seed: 3);
        second.ContentHash = first.ContentHash;

        Assert.Equal(WriteOutcome.Duplicate, await Images.InsertAsync(second, secondBytes));

        AssertSameDocument(first, await Images.FindByHashAsync(first.ContentHash));
        Assert.Null(await Images.FindAsync(second.Id));
        Assert.Null(await Images.OpenVariantAsync(second.Id, "full"));
        Assert.Equal(firstBytes["full"], await ReadVariantAsync(first.Id, "full"));
    }

    [SkippableFact]
    public async Task InsertAsync_imageIdTakenWithOtherContent_returnsDuplicateAndKeepsTheFirstBytes()
    {
        var (first, firstBytes) = Samples.Image(seed: 4);
        await Images.InsertAsync(first, firstBytes);
        var (second, secondBytes) = Samples.Image(seed: 5);
        second.Id = first.Id;

        Assert.Equal(WriteOutcome.Duplicate, await Images.InsertAsync(second, secondBytes));

        AssertSameDocument(first, await Images.FindAsync(first.Id));
        Assert.Null(await Images.FindByHashAsync(second.ContentHash));
        foreach (var variant in first.Variants)
            Assert.Equal(firstBytes[variant.Name], await ReadVariantAsync(first.Id, variant.Name));
    }

    [SkippableFact]
    public async Task InsertAsync_variantWithoutBytes_throwsArgumentExceptionAndStoresNothing()
    {
        var (image, bytes) = Samples.Image(seed: 6);
        bytes.Remove("card");

        await Assert.ThrowsAsync<ArgumentException>(() => Images.InsertAsync(image, bytes));

        Assert.Null(await Images.FindAsync(image.Id));
    }

    static ImageGeneration Recipe(string cacheKey) => new()
    {
        CacheKey = cacheKey,
        Model = "sd-turbo",
        Prompt = "a lighthouse in a storm, moody oil painting",
        Seed = 9_007_199_254_740_993,
        Steps = 1,
        PostId = DocumentIds.New(),
        Style = "scene",
    };

    [SkippableFact]
    public async Task InsertAsync_generatedImage_roundTripsTheLabelAndRecipeAndIsFoundByItsKey()
    {
        var (image, bytes) = Samples.Image(seed: 20);
        image.AiGenerated = true;
        image.Generation = Recipe(DocumentIds.New());

        Assert.Equal(WriteOutcome.Ok, await Images.InsertAsync(image, bytes));

        AssertSameDocument(image, await Images.FindAsync(image.Id));
        AssertSameDocument(image, await Images.FindByGenerationKeyAsync(image.Generation.CacheKey));
        Assert.Null(await Images.FindByGenerationKeyAsync(DocumentIds.New()));
    }

    [SkippableFact]
    public async Task FindByGenerationKeyAsync_uploadsAndOtherKeys_areNotFound()
    {
        var (upload, uploadBytes) = Samples.Image(seed: 21);
        await Images.InsertAsync(upload, uploadBytes);
        var (other, otherBytes) = Samples.Image(seed: 22);
        other.AiGenerated = true;
        other.Generation = Recipe(DocumentIds.New());
        await Images.InsertAsync(other, otherBytes);

        Assert.Null(await Images.FindByGenerationKeyAsync(""));
        Assert.Null(await Images.FindByGenerationKeyAsync(other.Generation.CacheKey + "x"));
        Assert.False((await Images.FindAsync(upload.Id))!.AiGenerated);
        Assert.Null((await Images.FindAsync(upload.Id))!.Generation);
    }

    [SkippableFact]
    public async Task FindByGenerationKeyAsync_twoImagesWithOneKey_returnsTheEarliest()
    {
        var key = DocumentIds.New();
        var (later, laterBytes) = Samples.Image(seed: 23);
        later.Generation = Recipe(key);
        later.CreatedAt = later.CreatedAt.AddMinutes(5);
        var (earlier, earlierBytes) = Samples.Image(seed: 24);
        earlier.Generation = Recipe(key);

        await Images.InsertAsync(later, laterBytes);
        await Images.InsertAsync(earlier, earlierBytes);

        Assert.Equal(earlier.Id, (await Images.FindByGenerationKeyAsync(key))!.Id);
    }

    public static TheoryData<string> HostileNames =>
        ["../../etc/passwd", "..", "/etc/passwd", "../planted", "a/../../planted", "..\\..\\planted", "full/../../../planted", ""];

    [SkippableTheory]
    [MemberData(nameof(HostileNames))]
    public async Task OpenVariantAsync_hostileImageIdOrVariant_readsNoFile(string name)
    {
        var (image, bytes) = Samples.Image(seed: 7);
        await Images.InsertAsync(image, bytes);
        // A file a traversal from the images folder could reach, on the embedded store.
        if (Store.DataDirectory is { } data)
        {
            Directory.CreateDirectory(Path.Combine(data, "planted"));
            await File.WriteAllTextAsync(Path.Combine(data, "planted", "full"), "secret");
            await File.WriteAllTextAsync(Path.Combine(data, "planted", "full.txt"), "secret");
        }

        await AssertReadsNothingAsync(() => Images.OpenVariantAsync(name, "full"));
        await AssertReadsNothingAsync(() => Images.OpenVariantAsync(image.Id, name));
        await AssertReadsNothingAsync(() => Images.OpenVariantAsync(name, name));
        Assert.Null(await Images.FindAsync(name));
    }

    static async Task AssertReadsNothingAsync(Func<Task<ImageContent?>> open)
    {
        try
        {
            Assert.Null(await open());
        }
        catch (ArgumentException)
        {
            // Refusing the name is as good as not finding it.
        }
    }

    [SkippableTheory]
    [MemberData(nameof(HostileNames))]
    public async Task InsertAsync_hostileImageIdOrVariantName_throwsArgumentExceptionAndWritesNothing(string name)
    {
        var (byId, byIdBytes) = Samples.Image(seed: 8);
        byId.Id = name;
        var (byVariant, byVariantBytes) = Samples.Image(seed: 9);
        byVariant.Variants[0].Name = name;
        byVariantBytes[name] = byVariantBytes["thumb"];

        var filesBefore = FilesOutsideTheDatabase();

        await Assert.ThrowsAsync<ArgumentException>(() => Images.InsertAsync(byId, byIdBytes));
        await Assert.ThrowsAsync<ArgumentException>(() => Images.InsertAsync(byVariant, byVariantBytes));

        Assert.Null(await Images.FindByHashAsync(byId.ContentHash));
        Assert.Null(await Images.FindAsync(byVariant.Id));
        Assert.Equal(filesBefore, FilesOutsideTheDatabase());
    }

    /// <summary>Every file of the embedded store's data directory but the database itself (none on MongoDB).</summary>
    string[] FilesOutsideTheDatabase() => Store.DataDirectory is { } data
        ? Directory.GetFiles(data, "*", SearchOption.AllDirectories).Where(f => !Path.GetFileName(f).StartsWith("feedengine", StringComparison.Ordinal)).Order().ToArray()
        : [];
}
