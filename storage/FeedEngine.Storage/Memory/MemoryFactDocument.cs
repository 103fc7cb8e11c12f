namespace FeedEngine.Storage.Memory;

/// <summary>Who a remembered fact is for: the viewer everywhere, or the viewer on one post.</summary>
public enum MemoryScope { Viewer, ViewerOnPost }

/// <summary>
/// A durable fact about a viewer that the engine drew from one of their turns ("my dog is called Biscuit"), with the
/// turn it came from and its embedding for recall. Id: <c>{viewerId}:{sessionId}:{turnSeq}:{n}</c> (so a repeated
/// extraction of the same turn stores nothing twice).
/// </summary>
public sealed class MemoryFactDocument
{
    public string Id { get; set; } = "";
    public string ViewerId { get; set; } = "";
    public MemoryScope Scope { get; set; }

    /// <summary>The post the fact belongs to (<see cref="MemoryScope.ViewerOnPost"/>), and for both scopes the post it was said to.</summary>
    public string PostId { get; set; } = "";

    public string Text { get; set; } = "";
    public string SourceSessionId { get; set; } = "";
    public long SourceTurnSeq { get; set; }

    /// <summary>The words of the source turn the fact came from (at most a few hundred characters).</summary>
    public string SourceText { get; set; } = "";

    /// <summary>The MiniLM embedding of <see cref="Text"/> (empty when no embedding model is configured).</summary>
    public float[] Embedding { get; set; } = [];

    public DateTime CreatedAt { get; set; }

    public static string MakeId(string viewerId, string sessionId, long turnSeq, int index) => $"{viewerId}:{sessionId}:{turnSeq}:{index}";
}

public interface IMemoryRepository
{
    /// <summary>Stores a fact once; the same id again is <see cref="WriteOutcome.Duplicate"/>.</summary>
    Task<WriteOutcome> InsertAsync(MemoryFactDocument fact, CancellationToken cancellationToken = default);

    /// <summary>The viewer's facts, newest first.</summary>
    Task<IReadOnlyList<MemoryFactDocument>> ListAsync(string viewerId, int limit = 500, CancellationToken cancellationToken = default);

    /// <summary>Deletes one of the viewer's facts; false when the viewer has no fact with that id.</summary>
    Task<bool> DeleteAsync(string viewerId, string factId, CancellationToken cancellationToken = default);

    /// <summary>Deletes all of the viewer's facts; gives how many there were.</summary>
    Task<long> DeleteAllAsync(string viewerId, CancellationToken cancellationToken = default);
}
