namespace FeedEngine.Inference.Models;

public enum ModelReferenceKind
{
    Unknown,
    Tiny,
    Catalog,
    Folder,
}

/// <summary>What <c>Inference:Model</c> names: the generated tiny model, a catalog entry or a folder.</summary>
public sealed record ModelReference(ModelReferenceKind Kind, string Value, CatalogEntry? Entry = null)
{
    public static ModelReference Parse(string model)
    {
        var value = model.Trim();
        if (string.Equals(value, ModelCatalog.TinyName, StringComparison.OrdinalIgnoreCase))
            return new(ModelReferenceKind.Tiny, value);
        if (ModelCatalog.Find(value) is { } entry)
            return new(ModelReferenceKind.Catalog, value, entry);
        var looksLikePath = Path.IsPathRooted(value) || value.Contains('/') || value.Contains('\\') || value.StartsWith('.') || value.StartsWith('~');
        return looksLikePath ? new(ModelReferenceKind.Folder, value) : new(ModelReferenceKind.Unknown, value);
    }
}
