namespace FeedEngine.Storage.Keys;

/// <summary>
/// A secret every app node must share: a data-protection key (cookies, reset links) or the token-signing key.
/// Keys are written once and never changed; a second writer of the same id gets <see cref="WriteOutcome.Duplicate"/>
/// and reads the first one's key instead.
/// </summary>
public sealed class KeyDocument
{
    /// <summary><c>{purpose}:{name}</c>.</summary>
    public string Id { get; set; } = "";

    /// <summary><see cref="KeyPurposes.DataProtection"/> or <see cref="KeyPurposes.TokenSigning"/>.</summary>
    public string Purpose { get; set; } = "";

    public string Name { get; set; } = "";

    /// <summary>The key material as text (data-protection XML, or base64).</summary>
    public string Value { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    public static string MakeId(string purpose, string name) => $"{purpose}:{name}";
}

public static class KeyPurposes
{
    public const string DataProtection = "dataProtection";
    public const string TokenSigning = "tokenSigning";
}

/// <summary>The shared key ring, in the same store as everything else, so every node of a cluster sees the same keys.</summary>
public interface IKeyRepository
{
    /// <summary>Inserts a key; <see cref="WriteOutcome.Duplicate"/> when its id exists (the stored key is kept).</summary>
    Task<WriteOutcome> InsertAsync(KeyDocument key, CancellationToken cancellationToken = default);

    Task<KeyDocument?> FindAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Every key of a purpose, oldest first.</summary>
    Task<IReadOnlyList<KeyDocument>> ListAsync(string purpose, CancellationToken cancellationToken = default);
}
