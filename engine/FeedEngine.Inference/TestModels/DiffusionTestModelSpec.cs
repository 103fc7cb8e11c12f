namespace FeedEngine.Inference.TestModels;

/// <summary>The shape of a generated random-weight text-to-image pipeline (SD-Turbo folder layout and tensor names).</summary>
/// <param name="Name">Written into the model index so the pipeline identifies itself.</param>
/// <param name="TextHidden">Width of the text encoder's hidden states (SD-Turbo: 1024).</param>
/// <param name="UNetChannels">Channels inside the UNet stand-in.</param>
/// <param name="VaeChannels">Channels inside the VAE decoder stand-in.</param>
/// <param name="Seed">Weights are a pure function of the spec: the same seed writes the same bytes.</param>
public sealed record DiffusionTestModelSpec(string Name, int TextHidden, int UNetChannels, int VaeChannels, int Seed)
{
    /// <summary>The generator's version; a folder written by an older one is rewritten.</summary>
    public const int FormatVersion = 1;

    /// <summary>Small enough that a 512 x 512 picture takes a fraction of a second on one core.</summary>
    public static DiffusionTestModelSpec Tiny { get; } = new("feedengine-tiny-diffusion", TextHidden: 32, UNetChannels: 16, VaeChannels: 8, Seed: 5);

    internal void Validate()
    {
        if (TextHidden <= 0 || UNetChannels <= 0 || VaeChannels <= 0)
            throw new ArgumentException("Widths and channel counts must be positive.");
    }
}
