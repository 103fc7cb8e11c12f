using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using FeedEngine.Storage;
using FeedEngine.Storage.Embedded;
using FeedEngine.Storage.Keys;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FeedEngine.Cluster.Tests.Nodes;

/// <summary>Two app nodes over one store (a and b), and a stranger with a store of its own.</summary>
public sealed class KeyNodes : IAsyncLifetime
{
    readonly string root = Directory.CreateTempSubdirectory("feedengine-keys-").FullName;
    public string Root => root;
    EmbeddedDatabase shared = null!;
    EmbeddedDatabase other = null!;
    public NodeApp A { get; private set; } = null!;
    public NodeApp B { get; private set; } = null!;
    public NodeApp Stranger { get; private set; } = null!;

    public Task InitializeAsync()
    {
        shared = new EmbeddedDatabase(Options.Create(new StorageOptions { DataDirectory = Path.Combine(root, "shared") }));
        other = new EmbeddedDatabase(Options.Create(new StorageOptions { DataDirectory = Path.Combine(root, "other") }));
        A = new NodeApp(Path.Combine(root, "a"), shared).Start();
        B = new NodeApp(Path.Combine(root, "b"), shared).Start();
        Stranger = new NodeApp(Path.Combine(root, "c"), other).Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
        await Stranger.DisposeAsync();
        shared.Dispose();
        other.Dispose();
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a closing handle; the temp folder is cleaned by the OS.
        }
    }

}

/// <summary>Two app nodes over one store share the data-protection key ring and the token-signing key; a node with its own store does not.</summary>
public sealed class SharedKeysTests(KeyNodes nodes) : IClassFixture<KeyNodes>
{
    NodeApp a => nodes.A;
    NodeApp b => nodes.B;
    NodeApp stranger => nodes.Stranger;

    [Fact]
    public async Task Token_issuedByNodeA_isAcceptedByNodeB_andRefusedByANodeOfAnotherStore()
    {
        var token = await a.GuestTokenAsync();

        Assert.Equal(HttpStatusCode.OK, await MeAsync(b, token));
        Assert.Equal(HttpStatusCode.OK, await MeAsync(a, token));
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(stranger, token));
    }

    [Fact]
    public async Task DataProtection_protectedOnNodeA_unprotectsOnNodeB_andNotOnANodeOfAnotherStore()
    {
        var payload = "cookie payload " + Guid.NewGuid();
        var secret = Protector(a).Protect(payload);

        Assert.Equal(payload, Protector(b).Unprotect(secret));
        Assert.Throws<CryptographicException>(() => Protector(stranger).Unprotect(secret));

        // One ring and one signing key in the store, however many nodes issued tokens.
        await a.GuestTokenAsync();
        await b.GuestTokenAsync();
        var keys = a.Services.GetRequiredService<IKeyRepository>();
        Assert.Single(await keys.ListAsync(KeyPurposes.TokenSigning));
        Assert.NotEmpty(await keys.ListAsync(KeyPurposes.DataProtection));
        Assert.False(Directory.Exists(Path.Combine(nodes.Root, "a", "keys")), "No node should write keys into its own folder any more.");
    }

    static IDataProtector Protector(NodeApp node) =>
        node.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("FeedEngine.Cluster.Tests");

    static async Task<HttpStatusCode> MeAsync(NodeApp node, string token)
    {
        using var http = node.Http();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (await http.GetAsync("/api/auth/me")).StatusCode;
    }
}
