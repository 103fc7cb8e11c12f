using System.Security.Cryptography;
using System.Xml.Linq;
using FeedEngine.Storage;
using FeedEngine.Storage.Keys;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;

namespace FeedEngine.Web.Hosting;

/// <summary>
/// The secrets every app node shares, kept in the store (MongoDB in a cluster, the embedded store on one machine):
/// the data-protection key ring (cookies, antiforgery, reset links) and the token-signing key. A cookie or a token
/// issued by one node is then valid on every node, with no shared folder.
/// </summary>
public static class SharedKeys
{
    public static IHostApplicationBuilder AddSharedKeys(this IHostApplicationBuilder builder)
    {
        builder.Services.AddDataProtection().SetApplicationName("FeedEngine");
        builder.Services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(o =>
            o.XmlRepository = new StoreXmlRepository(
                sp.GetRequiredService<IKeyRepository>(),
                LegacyFolder(sp.GetRequiredService<IOptions<StorageOptions>>().Value),
                sp.GetRequiredService<TimeProvider>())));
        builder.Services.AddSingleton<TokenSigningKey>();
        return builder;
    }

    /// <summary>Where earlier versions kept both kinds of key; they are moved into the store once.</summary>
    public static string LegacyFolder(StorageOptions storage) => Path.Combine(Path.GetFullPath(storage.DataDirectory), "keys");

    /// <summary>Runs a store call from the synchronous interfaces of data protection and token validation.</summary>
    internal static T Wait<T>(Func<Task<T>> call) => Task.Run(call).GetAwaiter().GetResult();
}

/// <summary>The data-protection key ring as documents of purpose <see cref="KeyPurposes.DataProtection"/>.</summary>
public sealed class StoreXmlRepository(IKeyRepository keys, string legacyFolder, TimeProvider time) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        var stored = SharedKeys.Wait(() => keys.ListAsync(KeyPurposes.DataProtection));
        if (stored.Count == 0 && ImportLegacy()) stored = SharedKeys.Wait(() => keys.ListAsync(KeyPurposes.DataProtection));
        return [.. stored.Select(k => XElement.Parse(k.Value))];
    }

    public void StoreElement(XElement element, string friendlyName) => Store(element, friendlyName);

    void Store(XElement element, string friendlyName)
    {
        var name = string.IsNullOrWhiteSpace(friendlyName) ? Guid.NewGuid().ToString("n") : friendlyName;
        var document = new KeyDocument
        {
            Id = KeyDocument.MakeId(KeyPurposes.DataProtection, name),
            Purpose = KeyPurposes.DataProtection,
            Name = name,
            Value = element.ToString(SaveOptions.DisableFormatting),
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        // Key names are fresh GUIDs: a duplicate is this same key written by a retry, already stored.
        SharedKeys.Wait(() => keys.InsertAsync(document));
    }

    bool ImportLegacy()
    {
        if (!Directory.Exists(legacyFolder)) return false;
        var files = Directory.GetFiles(legacyFolder, "key-*.xml");
        foreach (var file in files) Store(XElement.Load(file), Path.GetFileNameWithoutExtension(file));
        return files.Length > 0;
    }
}

/// <summary>
/// The HMAC key that signs bearer tokens when <c>Auth:SigningKey</c> is not set: created by the first node that needs
/// it and read by every other (a race between two first nodes keeps the key stored first).
/// </summary>
public sealed class TokenSigningKey(IKeyRepository keys, IOptions<StorageOptions> storage, TimeProvider time)
{
    const string Name = "current";
    readonly Lock gate = new();
    byte[]? key;

    public byte[] Get()
    {
        lock (gate) return key ??= SharedKeys.Wait(LoadAsync);
    }

    async Task<byte[]> LoadAsync()
    {
        var id = KeyDocument.MakeId(KeyPurposes.TokenSigning, Name);
        if (await keys.FindAsync(id) is { } stored) return Convert.FromBase64String(stored.Value);

        // A key from the data folder of an earlier version keeps its tokens valid.
        var legacy = Path.Combine(SharedKeys.LegacyFolder(storage.Value), "token-signing.key");
        var material = File.Exists(legacy) ? Convert.FromBase64String((await File.ReadAllTextAsync(legacy)).Trim()) : RandomNumberGenerator.GetBytes(64);
        var document = new KeyDocument
        {
            Id = id,
            Purpose = KeyPurposes.TokenSigning,
            Name = Name,
            Value = Convert.ToBase64String(material),
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        if (await keys.InsertAsync(document) == WriteOutcome.Ok) return material;
        var winner = await keys.FindAsync(id) ?? throw new InvalidOperationException("The token-signing key was reported stored but cannot be read back.");
        return Convert.FromBase64String(winner.Value);
    }
}
