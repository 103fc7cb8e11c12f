using System.Security.Cryptography;
using System.Text;

namespace FeedEngine.Inference.Models;

/// <summary>Checks a downloaded file against what the hub publishes; a file that fails is deleted.</summary>
internal static class HubChecksum
{
    public static async Task VerifyAsync(RemoteFile file, string partial, CancellationToken cancellationToken)
    {
        var length = new FileInfo(partial).Length;
        if (length != file.Size)
        {
            File.Delete(partial);
            throw new ModelDownloadException($"{file.Name} arrived with {length} bytes; the hub lists {file.Size}. The partial file was removed; download again.");
        }
        string actual;
        await using (var stream = new FileStream(partial, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true))
        {
            if (file.Sha256 is not null)
            {
                actual = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
            }
            else
            {
                // Small files are plain git blobs: the hub publishes sha1("blob {size}\0" + content).
                using var sha1 = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
                sha1.AppendData(Encoding.ASCII.GetBytes($"blob {length}\0"));
                var buffer = new byte[1 << 16];
                int read;
                while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                    sha1.AppendData(buffer, 0, read);
                actual = Convert.ToHexStringLower(sha1.GetHashAndReset());
            }
        }
        var expected = file.Sha256 ?? file.GitOid;
        if (!string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase))
        {
            File.Delete(partial);
            throw new ModelDownloadException($"{file.Name} failed its checksum ({(file.Sha256 is null ? "git sha1" : "sha256")} {actual}, the hub publishes {expected}). The file was removed; download again.");
        }
    }
}
