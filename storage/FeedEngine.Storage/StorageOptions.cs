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

    public bool UsesMongo => !string.IsNullOrWhiteSpace(MongoUrl);
}
