using FeedEngine.Inference.Models;

namespace FeedEngine.Inference;

/// <summary>A model folder that cannot be loaded: a missing or malformed file, or weights ONNX Runtime rejects. Names the file.</summary>
public sealed class ModelLoadException(string message, string? path = null, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>The file or folder at fault.</summary>
    public string? Path { get; } = path;
}

/// <summary>
/// No model can answer yet: it is not downloaded, still downloading, failed to download or load, or not configured.
/// <see cref="Status"/> says which and what to do; the app keeps serving everything else.
/// </summary>
public sealed class ModelUnavailableException(ModelStatus status) : Exception(status.Message)
{
    public ModelStatus Status { get; } = status;
}

/// <summary>The scheduler's queue is full: try again after <see cref="RetryAfter"/>. Nothing was queued.</summary>
public sealed class InferenceBusyException(TimeSpan retryAfter, int queued)
    : Exception($"The model is busy ({queued} requests waiting). Try again in {Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))} s.")
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}

/// <summary>A model server failed: an error status, a malformed answer, or no answer in time. The message says which server and what happened.</summary>
public sealed class InferenceProviderException(string message, int? statusCode = null, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>The HTTP status the server answered with, when it answered.</summary>
    public int? StatusCode { get; } = statusCode;
}
