namespace FeedEngine.Storage;

/// <summary>The expected outcomes of a write. Unexpected failures (a lost connection) still throw.</summary>
public enum WriteOutcome
{
    /// <summary>The write was applied.</summary>
    Ok,
    /// <summary>A unique key (an id, an e-mail, an idempotency key) already exists; nothing was written.</summary>
    Duplicate,
    /// <summary>The document changed since it was read (its <c>version</c> moved on); nothing was written.</summary>
    Conflict,
    /// <summary>The document to update does not exist.</summary>
    NotFound,
}

/// <summary>A mutable document carries a <c>version</c> for optimistic concurrency.</summary>
/// <remarks>
/// Stores set <see cref="Version"/> to 1 on insert. An update succeeds only when the stored version equals the
/// document's <see cref="Version"/>; the store then writes <c>Version + 1</c> and updates the object it was given.
/// </remarks>
public interface IVersionedDocument
{
    string Id { get; }
    long Version { get; set; }
}
