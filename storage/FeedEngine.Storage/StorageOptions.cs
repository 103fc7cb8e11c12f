using System.ComponentModel.DataAnnotations;

namespace FeedEngine.Storage;

/// <summary>Where FeedEngine keeps its data: MongoDB when <see cref="MongoUrl"/> is set, else the embedded store.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>A MongoDB connection string (<c>mongodb://...</c>). Unset: the embedded LiteDB store is used.</summary>
    public string? MongoUrl { get; set; }

    /// <summary>The database name on MongoDB; when unset, the database in <see cref="MongoUrl"/> or <c>feedengine</c>.</summary>
    public string? MongoDatabase { get; set; }

    /// <summary>The folder of the embedded store, its image files and the mail pickup folder.</summary>
    [Required]
    public string DataDirectory { get; set; } = "./data";

    /// <summary>
    /// The embedded store copies its write-ahead log into the data file once the log holds this many 8 KiB pages. The
    /// copy holds every store call of the process (LiteDB's exclusive lock), so it is kept short: at LiteDB's default
    /// (1,000 pages) under load each copy held them for tens of milliseconds, long enough to delay first tokens
    /// (bench/README.md, tenth round). Smaller copies come more often and cost about the same in all.
    /// </summary>
    [Range(16, 100_000, ErrorMessage = "Storage:EmbeddedCheckpointPages must be 16 to 100000 pages (LiteDB's default is 1000; 200 keeps each pause short).")]
    public int EmbeddedCheckpointPages { get; set; } = DefaultEmbeddedCheckpointPages;

    public const int DefaultEmbeddedCheckpointPages = 200;

    public bool UsesMongo => !string.IsNullOrWhiteSpace(MongoUrl);
}
