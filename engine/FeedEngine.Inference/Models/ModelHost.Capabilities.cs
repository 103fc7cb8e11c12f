using FeedEngine.Inference.Onnx;

namespace FeedEngine.Inference.Models;

/// <summary>Whether the configured model reads images, decided without loading it.</summary>
public sealed partial class ModelHost : IChatModelCapabilities
{
    bool? folderReadsImages;

    /// <summary>
    /// openai: as configured (<c>Inference:OpenAI:Vision</c>; the server cannot be asked). onnx: the catalog entry says so;
    /// <c>tiny</c> is a text model; a folder is vision when its <c>genai_config.json</c> names a vision family (read once it
    /// is a complete model folder; a folder still missing or malformed reads as text only until it is fixed).
    /// </summary>
    public bool ReadsImages
    {
        get
        {
            if (remote is not null) return options.OpenAI.Vision;
            if (preparation.Loaded is { } loaded) return loaded.Folder.IsVision;
            return reference.Kind switch
            {
                ModelReferenceKind.Catalog => reference.Entry!.Vision,
                ModelReferenceKind.Folder => (folderReadsImages ??= InspectFolder()) ?? false,
                _ => false,
            };
        }
    }

    bool? InspectFolder()
    {
        try
        {
            return OnnxModelFolder.Inspect(ModelPreparation<OnnxChatClient>.FolderOf(reference.Value)).IsVision;
        }
        catch (ModelLoadException)
        {
            return null;
        }
    }
}
