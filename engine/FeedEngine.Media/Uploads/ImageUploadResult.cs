using System.Diagnostics.CodeAnalysis;
using FeedEngine.Storage.Images;

namespace FeedEngine.Media.Uploads;

/// <summary>Why an upload was refused. Each maps to one HTTP status: 415, 413, 400.</summary>
public enum ImageUploadFailureKind
{
    /// <summary>Not a PNG, JPEG or still WebP (GIF, TIFF, SVG, HTML, ...), decided by content.</summary>
    UnsupportedFormat,
    /// <summary>Too many bytes or too many pixels.</summary>
    TooLarge,
    /// <summary>Empty, cut off or damaged.</summary>
    Malformed,
}

/// <summary>A refused upload, with a message a person can act on.</summary>
public sealed record ImageUploadFailure(ImageUploadFailureKind Kind, string Message);

/// <summary>
/// The outcome of <see cref="ImageUploadService.UploadAsync"/>: the stored image (or the earlier image with the same
/// content, when <see cref="Deduplicated"/>), or a <see cref="Failure"/>. A failed upload stores nothing.
/// </summary>
public sealed record ImageUploadResult
{
    ImageUploadResult(ImageDocument? image, bool deduplicated, ImageUploadFailure? failure)
    {
        Image = image;
        Deduplicated = deduplicated;
        Failure = failure;
    }

    public ImageDocument? Image { get; }

    /// <summary>The same picture was stored before; <see cref="Image"/> is that earlier image.</summary>
    public bool Deduplicated { get; }

    public ImageUploadFailure? Failure { get; }

    [MemberNotNullWhen(true, nameof(Image))]
    [MemberNotNullWhen(false, nameof(Failure))]
    public bool Succeeded => Image is not null;

    public static ImageUploadResult Stored(ImageDocument image) => new(image, false, null);

    public static ImageUploadResult Duplicate(ImageDocument existing) => new(existing, true, null);

    public static ImageUploadResult Refused(ImageUploadFailureKind kind, string message) => new(null, false, new ImageUploadFailure(kind, message));
}
