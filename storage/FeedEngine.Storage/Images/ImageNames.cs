namespace FeedEngine.Storage.Images;

/// <summary>
/// Image ids and variant names become file and GridFS names, so both stores accept only the characters
/// <see cref="DocumentIds"/> and the upload pipeline produce: ASCII letters, digits, '-' and '_'.
/// </summary>
static class ImageNames
{
    public static bool IsSafe(string name) =>
        name.Length is > 0 and <= 128 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>Refuses an image whose id or variant names could leave its folder, or whose variants lack bytes.</summary>
    public static void Validate(ImageDocument image, IReadOnlyDictionary<string, byte[]> variantBytes)
    {
        if (!IsSafe(image.Id)) throw new ArgumentException("Not an image id.", nameof(image));
        if (image.Variants.Count == 0) throw new ArgumentException("An image needs at least one variant.", nameof(image));
        foreach (var variant in image.Variants)
        {
            if (!IsSafe(variant.Name)) throw new ArgumentException($"Not a variant name: '{variant.Name}'.", nameof(image));
            if (!variantBytes.ContainsKey(variant.Name)) throw new ArgumentException("Every variant needs its bytes.", nameof(variantBytes));
        }
        if (image.Variants.Select(v => v.Name).Distinct(StringComparer.Ordinal).Count() != image.Variants.Count)
            throw new ArgumentException("Variant names must be distinct.", nameof(image));
    }
}
