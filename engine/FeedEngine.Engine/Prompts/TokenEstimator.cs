using System.Text;

namespace FeedEngine.Engine.Prompts;

/// <summary>
/// Counts tokens without a tokenizer: UTF-8 bytes divided by the model's bytes per token (about 3.5 for Llama 3 on
/// English; 1 for the byte-level test models), rounded up, plus a few tokens of chat-template framing per message.
/// </summary>
public sealed class TokenEstimator(double bytesPerToken)
{
    public const int PerMessage = 4;
    public const int PerImage = 256;

    public double BytesPerToken { get; } = bytesPerToken > 0 ? bytesPerToken : throw new ArgumentOutOfRangeException(nameof(bytesPerToken));

    public int Count(string text) => (int)Math.Ceiling(Encoding.UTF8.GetByteCount(text) / BytesPerToken);

    public int CountMessage(string text, int images = 0) => Count(text) + PerMessage + images * PerImage;
}
