using FeedEngine.Inference.Models;
using FeedEngine.Inference.TestModels;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace FeedEngine.EndToEnd.Tests;

/// <summary>
/// The browser tests' app serves the generated tiny vision model (<c>phi3v</c>, random weights): <c>Inference:Model</c>
/// points at its folder, so <see cref="ModelHost"/> reports a model that reads images and every post's snapshot says
/// <c>acceptsImages</c>. Text messages keep their scripted answers; a message with a picture goes to the real model
/// through the real onnx provider and MultiModalProcessor.
/// </summary>
public static class VisionModel
{
    public static IEnumerable<KeyValuePair<string, string?>> Settings(string dataDirectory)
    {
        var folder = TestModelGenerator.Ensure(Path.Combine(dataDirectory, "vision-model"), TestModelSpec.TinyVision);
        return [new("Inference:Model", folder)];
    }

    /// <summary>Wires <see cref="ScriptedModel.SeeingModel"/> to the app's model host and returns the scripted model.</summary>
    public static IChatClient SeeingFrom(this ScriptedModel model, IServiceProvider services)
    {
        var host = services.GetRequiredService<ModelHost>();
        model.SeeingModel = host.GetChatClientAsync;
        return model;
    }
}
