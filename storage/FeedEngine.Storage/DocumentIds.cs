using System.Security.Cryptography;

namespace FeedEngine.Storage;

/// <summary>Opaque, unguessable document ids: 128 random bits, URL-safe, 22 characters.</summary>
public static class DocumentIds
{
    public static string New()
    {
        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes);
        return Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }
}
