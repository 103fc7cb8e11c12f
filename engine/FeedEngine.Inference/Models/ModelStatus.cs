namespace FeedEngine.Inference.Models;

public enum ModelState
{
    /// <summary>Nothing says which model to use, or the provider is misconfigured.</summary>
    NotConfigured,
    /// <summary>A catalog model that is not on disk and is not being downloaded.</summary>
    Missing,
    /// <summary>Downloading (see <see cref="ModelStatus.Download"/>) or writing the generated test model.</summary>
    Preparing,
    /// <summary>On disk; loads on first use.</summary>
    Ready,
    /// <summary>The download or the load failed; <see cref="ModelStatus.Message"/> says why.</summary>
    Failed,
}

/// <summary>Where the configured model stands, in words a person can act on. The web UI shows it; conversations get it in <see cref="ModelUnavailableException"/>.</summary>
/// <param name="Model">The configured name: a catalog entry, <c>tiny</c>, a folder path, or a remote model id.</param>
/// <param name="IsTestModel">True for a generated model with random weights: its replies are random text.</param>
public sealed record ModelStatus(string Model, ModelState State, string Message, bool IsTestModel = false, string? Folder = null, DownloadSnapshot? Download = null)
{
    public bool IsReady => State == ModelState.Ready;
}
