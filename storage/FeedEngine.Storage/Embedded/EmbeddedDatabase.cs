using LiteDB;
using Microsoft.Extensions.Options;

namespace FeedEngine.Storage.Embedded;

/// <summary>
/// The embedded store: one LiteDB file in the data directory, shared by every repository of the process.
/// LiteDB is single-process; writes that must compare and then write (versions, unique checks across two
/// collections) hold <see cref="WriteGate"/> so they are atomic within the process.
/// </summary>
public sealed class EmbeddedDatabase : IDisposable
{
    readonly LiteDatabase database;

    public EmbeddedDatabase(IOptions<StorageOptions> options)
    {
        DataDirectory = Path.GetFullPath(options.Value.DataDirectory);
        Directory.CreateDirectory(DataDirectory);
        // LiteDB's defaults would trim every string and store "" as null; documents must read back as written.
        var mapper = new BsonMapper { EnumAsInteger = false, TrimWhitespace = false, EmptyStringToNull = false };
        mapper.ResolveFieldName = name => name == "Id" ? "_id" : char.ToLowerInvariant(name[0]) + name[1..];
        var connection = new ConnectionString
        {
            Filename = Path.Combine(DataDirectory, "feedengine.db"),
            Connection = ConnectionType.Direct,
        };
        database = new LiteDatabase(connection, mapper) { UtcDate = true, CheckpointSize = options.Value.EmbeddedCheckpointPages };
    }

    public string DataDirectory { get; }

    /// <summary>The log's size, in pages, at which LiteDB copies it into the data file (<see cref="StorageOptions.EmbeddedCheckpointPages"/>).</summary>
    public int CheckpointPages => database.CheckpointSize;

    public object WriteGate { get; } = new();

    public ILiteCollection<T> Collection<T>(string name) => database.GetCollection<T>(name);

    /// <summary>Inserts; a unique-index violation is a <see cref="WriteOutcome.Duplicate"/>.</summary>
    public static WriteOutcome TryInsert<T>(ILiteCollection<T> collection, T document)
    {
        try
        {
            collection.Insert(document);
            return WriteOutcome.Ok;
        }
        catch (LiteException e) when (e.ErrorCode == LiteException.INDEX_DUPLICATE_KEY)
        {
            return WriteOutcome.Duplicate;
        }
    }

    /// <summary>Inserts a versioned document at version 1.</summary>
    public WriteOutcome InsertVersioned<T>(ILiteCollection<T> collection, T document) where T : IVersionedDocument
    {
        var previous = document.Version;
        document.Version = 1;
        var outcome = TryInsert(collection, document);
        if (outcome != WriteOutcome.Ok) document.Version = previous;
        return outcome;
    }

    /// <summary>Replaces a versioned document when the stored version equals the document's version.</summary>
    public WriteOutcome ReplaceVersioned<T>(ILiteCollection<T> collection, T document) where T : IVersionedDocument
    {
        lock (WriteGate)
        {
            var current = collection.FindById(document.Id);
            if (current is null) return WriteOutcome.NotFound;
            if (current.Version != document.Version) return WriteOutcome.Conflict;
            document.Version++;
            try
            {
                collection.Update(document);
                return WriteOutcome.Ok;
            }
            catch (LiteException e) when (e.ErrorCode == LiteException.INDEX_DUPLICATE_KEY)
            {
                document.Version--;
                return WriteOutcome.Duplicate;
            }
        }
    }

    /// <summary>Inserts when the document's version is 0, else replaces it under the version check.</summary>
    public WriteOutcome SaveVersioned<T>(ILiteCollection<T> collection, T document) where T : IVersionedDocument
    {
        if (document.Version != 0) return ReplaceVersioned(collection, document);
        lock (WriteGate) return InsertVersioned(collection, document);
    }

    public void Dispose() => database.Dispose();
}
