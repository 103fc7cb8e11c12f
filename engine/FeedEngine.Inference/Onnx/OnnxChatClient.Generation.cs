using System.Threading.Channels;
using Microsoft.Extensions.AI;
using Microsoft.ML.OnnxRuntimeGenAI;

namespace FeedEngine.Inference.Onnx;

public sealed partial class OnnxChatClient
{
    /// <summary>The token loop, on its own thread. Every outcome, an error included, ends up in <paramref name="writer"/>.</summary>
    void Generate(GenerationRequest request, ChannelWriter<ChatResponseUpdate> writer, CancellationToken cancellationToken)
    {
        try
        {
            Enter();
        }
        catch (ObjectDisposedException e)
        {
            writer.TryComplete(e);
            return;
        }
        try
        {
            var final = RunLoop(request, writer, cancellationToken);
            if (final is not null)
                writer.TryWrite(final);
            writer.TryComplete();
        }
        catch (Exception e)
        {
            // The boundary between the generation thread and the reader: the reader rethrows it.
            writer.TryComplete(e is OnnxRuntimeGenAIException ? new InvalidOperationException($"ONNX Runtime GenAI failed while generating with {ModelId}: {e.Message}", e) : e);
        }
        finally
        {
            Exit();
        }
    }

    ChatResponseUpdate? RunLoop(GenerationRequest request, ChannelWriter<ChatResponseUpdate> writer, CancellationToken cancellationToken)
    {
        var chatOptions = request.Options;
        var maxNew = chatOptions?.MaxOutputTokens ?? options.DefaultMaxOutputTokens;
        if (maxNew <= 0)
            throw new ArgumentOutOfRangeException(nameof(ChatOptions.MaxOutputTokens), maxNew, "The reply needs room for at least one token.");

        string prompt;
        try
        {
            prompt = tokenizer.ApplyChatTemplate(null, request.Prompt.MessagesJson, null, true);
        }
        catch (OnnxRuntimeGenAIException e)
        {
            throw new ModelLoadException($"The model {ModelId} could not apply its chat template (tokenizer_config.json chat_template or chat_template.jinja in {Folder.Path}): {e.Message}", Folder.Path, e);
        }

        using var generatorParams = new GeneratorParams(model);
        using var sequences = request.Prompt.Images.Count == 0 ? tokenizer.Encode(prompt) : null;
        var promptTokens = sequences is null ? 0 : sequences[0].Length;
        if (promptTokens >= Folder.ContextLength)
            throw new ArgumentException($"The prompt has {promptTokens} tokens; {ModelId} reads at most {Folder.ContextLength - 1} before it must reply. Shorten the conversation.");
        generatorParams.SetSearchOption("max_length", sequences is null ? Folder.ContextLength : Math.Min(Folder.ContextLength, promptTokens + maxNew));
        ApplySampling(generatorParams, chatOptions, Folder.VocabularySize);

        using var images = request.Prompt.Images.Count == 0 ? null : LoadImages(request.Prompt.Images);
        using var visionInputs = images is null ? null : processor!.ProcessImages(prompt, images);
        if (cancellationToken.IsCancellationRequested)
            return null;

        using var generator = new Generator(model, generatorParams);
        if (visionInputs is not null)
            generator.SetInputs(visionInputs);
        else
            generator.AppendTokenSequences(sequences!);
        using var stream = processor?.CreateStream() ?? tokenizer.CreateStream();
        var filter = new StopSequenceFilter(chatOptions?.StopSequences ?? []);

        var generated = 0;
        while (!cancellationToken.IsCancellationRequested && !generator.IsDone() && generated < maxNew)
        {
            generator.GenerateNextToken();
            generated++;
            Interlocked.Increment(ref tokensGenerated);
            var visible = filter.Append(stream.Decode(generator.GetNextTokens()[0]));
            if (visible.Length > 0)
                writer.TryWrite(Update(request, visible));
            if (filter.Stopped)
                break;
        }
        if (cancellationToken.IsCancellationRequested)
            return null;

        var rest = filter.Flush();
        if (rest.Length > 0)
            writer.TryWrite(Update(request, rest));
        if (sequences is null)
            promptTokens = Math.Max(0, (int)generator.TokenCount() - generated);
        var finish = filter.Stopped ? ChatFinishReason.Stop
            : generated >= maxNew || (int)generator.TokenCount() >= Folder.ContextLength ? ChatFinishReason.Length
            : ChatFinishReason.Stop;
        var last = Update(request, null);
        last.FinishReason = finish;
        last.Contents.Add(new UsageContent(new UsageDetails { InputTokenCount = promptTokens, OutputTokenCount = generated, TotalTokenCount = promptTokens + generated }));
        return last;
    }

    static void ApplySampling(GeneratorParams generatorParams, ChatOptions? chatOptions, int vocabularySize)
    {
        if (chatOptions is null)
            return;
        if (chatOptions.Temperature is { } temperature)
        {
            if (temperature <= 0)
            {
                generatorParams.SetSearchOption("do_sample", false);
            }
            else
            {
                generatorParams.SetSearchOption("do_sample", true);
                generatorParams.SetSearchOption("temperature", temperature);
            }
        }
        if (chatOptions.TopP is { } topP)
        {
            if (topP is <= 0 or > 1)
                throw new ArgumentOutOfRangeException(nameof(ChatOptions.TopP), topP, "Top-p must be above 0 and at most 1.");
            generatorParams.SetSearchOption("top_p", topP);
            if (chatOptions.Temperature is null)
                generatorParams.SetSearchOption("do_sample", true);
        }
        if (chatOptions.TopK is { } topK)
        {
            if (topK <= 0)
                throw new ArgumentOutOfRangeException(nameof(ChatOptions.TopK), topK, "Top-k must be positive.");
            // A caller cannot know the vocabulary; GenAI rejects a top-k above it.
            generatorParams.SetSearchOption("top_k", vocabularySize > 0 ? Math.Min(topK, vocabularySize) : topK);
        }
        if (chatOptions.Seed is { } seed)
            generatorParams.SetSearchOption("random_seed", seed & int.MaxValue);
    }

    ChatResponseUpdate Update(GenerationRequest request, string? text) => new(ChatRole.Assistant, text is null ? [] : [new TextContent(text)])
    {
        ResponseId = request.ResponseId,
        MessageId = request.ResponseId,
        CreatedAt = request.Created,
        ModelId = ModelId,
    };

    static Images LoadImages(IReadOnlyList<DataContent> images)
    {
        if (images.Count == 1)
            return Images.Load(images[0].Data.ToArray());
        // GenAI reads several images only from files.
        var folder = Directory.CreateTempSubdirectory("feedengine-images-");
        try
        {
            var paths = new string[images.Count];
            for (var i = 0; i < images.Count; i++)
            {
                paths[i] = System.IO.Path.Combine(folder.FullName, $"{i}{Extension(images[i].MediaType)}");
                File.WriteAllBytes(paths[i], images[i].Data.ToArray());
            }
            return Images.Load(paths);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    static string Extension(string mediaType) => mediaType switch
    {
        "image/png" => ".png",
        "image/jpeg" => ".jpg",
        "image/webp" => ".webp",
        _ => ".img",
    };
}
