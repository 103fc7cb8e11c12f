namespace FeedEngine.Inference.Models;

/// <summary>A moment of a model download, for progress bars and logs.</summary>
/// <param name="CurrentFile">The file being fetched, or null between files.</param>
public sealed record DownloadSnapshot(string Model, long BytesDone, long BytesTotal, int FilesDone, int FilesTotal, string? CurrentFile, double BytesPerSecond)
{
    /// <summary>0 to 1; 0 while the sizes are not known yet.</summary>
    public double Fraction => BytesTotal > 0 ? Math.Clamp((double)BytesDone / BytesTotal, 0, 1) : 0;
}
