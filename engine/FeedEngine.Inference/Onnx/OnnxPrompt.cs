using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace FeedEngine.Inference.Onnx;

/// <summary>Turns chat messages into the JSON that ONNX Runtime GenAI's chat template reads, with image placeholders for vision families.</summary>
internal static class OnnxPrompt
{
    public sealed record Prepared(string MessagesJson, IReadOnlyList<DataContent> Images);

    public static Prepared Prepare(IEnumerable<ChatMessage> messages, ChatOptions? options, OnnxModelFolder folder)
    {
        var images = new List<DataContent>();
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            if (!string.IsNullOrWhiteSpace(options?.Instructions))
                WriteMessage(json, "system", options.Instructions);
            foreach (var message in messages)
            {
                var text = new StringBuilder();
                var placeholders = new StringBuilder();
                foreach (var content in message.Contents)
                {
                    switch (content)
                    {
                        case TextContent t:
                            text.Append(t.Text);
                            break;
                        case DataContent d when d.HasTopLevelMediaType("image"):
                            if (!folder.IsVision)
                                throw new NotSupportedException(
                                    $"The model {System.IO.Path.GetFileName(folder.Path)} ({folder.ModelType}) reads text only and cannot see images. Configure a vision model (for example phi-3.5-vision) or the openai provider with a vision model.");
                            ImageCheck.Validate(d.Data.Span);
                            images.Add(d);
                            placeholders.Append(ImagePlaceholder(folder.ModelType, images.Count));
                            break;
                        case UriContent u when u.HasTopLevelMediaType("image"):
                            throw new NotSupportedException($"The onnx provider reads images from their bytes, not from links ({u.Uri}). Send the image as data.");
                        case DataContent or UriContent:
                            throw new NotSupportedException($"The onnx provider cannot read {(content as DataContent)?.MediaType ?? (content as UriContent)?.MediaType} content.");
                    }
                }
                WriteMessage(json, message.Role.Value, placeholders.Append(text).ToString());
            }
            json.WriteEndArray();
        }
        return new Prepared(Encoding.UTF8.GetString(buffer.ToArray()), images);
    }

    /// <summary>The image marker each vision family's processor looks for in the prompt.</summary>
    static string ImagePlaceholder(string modelType, int number) => modelType switch
    {
        "phi3v" => $"<|image_{number}|>\n",
        "phi4mm" => $"<|image_{number}|>",
        "gemma3" or "gemma4" => "<start_of_image>",
        "qwen2_5_vl" or "qwen3_vl" or "qwen3_5" or "qwen3_5_moe" or "fara" => "<|vision_start|><|image_pad|><|vision_end|>",
        "mistral3" => "[IMG]",
        _ => $"<|image_{number}|>\n",
    };

    static void WriteMessage(Utf8JsonWriter json, string role, string content)
    {
        json.WriteStartObject();
        json.WriteString("role", role);
        json.WriteString("content", content);
        json.WriteEndObject();
    }
}
