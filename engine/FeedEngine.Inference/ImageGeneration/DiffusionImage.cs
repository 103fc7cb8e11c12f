namespace FeedEngine.Inference.ImageGeneration;

/// <summary>One picture to draw. Width and height are multiples of 8 (the VAE's factor).</summary>
internal sealed record DiffusionRequest(string Prompt, int Width, int Height, int Steps, long Seed);

/// <summary>Where a picture's time went: the three model calls, and everything the pipeline does around them.</summary>
public sealed record DiffusionTimings(TimeSpan Tokenize, TimeSpan TextEncoder, TimeSpan UNet, TimeSpan Scheduler, TimeSpan VaeDecoder, TimeSpan Tensors, TimeSpan Total)
{
    public TimeSpan ModelCalls => TextEncoder + UNet + VaeDecoder;

    /// <summary>Tokenizing, noise, scaling, tensor conversions and the scheduler's arithmetic: the pipeline's own cost.</summary>
    public TimeSpan AroundModels => Total - ModelCalls;
}

/// <summary>A drawn picture: 8-bit RGB, row by row.</summary>
internal sealed record DiffusionImage(int Width, int Height, byte[] Rgb, DiffusionTimings Timings);
