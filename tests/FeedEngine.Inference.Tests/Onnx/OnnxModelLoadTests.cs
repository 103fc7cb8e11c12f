using FeedEngine.Inference.Onnx;
using FeedEngine.Inference.Tests.TestModels;

namespace FeedEngine.Inference.Tests.Onnx;

[Collection(TinyModelCollection.Name)]
public sealed class OnnxModelLoadTests(TinyModelFixture model)
{
    [Fact]
    public void Load_missing_folder_names_it()
    {
        var missing = Path.Combine(model.Root, "no-such-model");
        var error = Assert.Throws<ModelLoadException>(() => OnnxChatClient.Load(missing));
        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("genai_config.json")]
    [InlineData("model.onnx")]
    [InlineData("tokenizer.json")]
    [InlineData("tokenizer_config.json")]
    public void Load_folder_missing_a_file_names_the_file(string file)
    {
        var folder = model.CopyFolder();
        File.Delete(Path.Combine(folder, file));

        var error = Assert.Throws<ModelLoadException>(() => OnnxChatClient.Load(folder));

        Assert.Contains(file, error.Message, StringComparison.Ordinal);
        Assert.Equal(Path.Combine(folder, file), error.Path);
    }

    [Fact]
    public void Load_corrupt_weights_names_the_model_file()
    {
        var folder = model.CopyFolder();
        var weights = Path.Combine(folder, "model.onnx");
        var bytes = File.ReadAllBytes(weights);
        File.WriteAllBytes(weights, bytes.AsSpan(0, bytes.Length / 3).ToArray());

        var error = Assert.Throws<ModelLoadException>(() => OnnxChatClient.Load(folder));

        Assert.Contains("model.onnx", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_empty_weights_names_the_model_file()
    {
        var folder = model.CopyFolder();
        File.WriteAllBytes(Path.Combine(folder, "model.onnx"), []);
        var error = Assert.Throws<ModelLoadException>(() => OnnxChatClient.Load(folder));
        Assert.Contains("model.onnx", error.Message, StringComparison.Ordinal);
        Assert.Contains("empty", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ not json", "not valid JSON")]
    [InlineData("[]", "no \"model\" object")]
    [InlineData("{\"model\": {\"context_length\": 10, \"decoder\": {\"filename\": \"model.onnx\"}}}", "model.type")]
    [InlineData("{\"model\": {\"type\": \"llama\", \"decoder\": {\"filename\": \"model.onnx\"}}}", "context_length")]
    [InlineData("{\"model\": {\"type\": \"llama\", \"context_length\": 10}}", "decoder.filename")]
    [InlineData("{\"model\": {\"type\": \"llama\", \"context_length\": 10, \"decoder\": {\"filename\": \"../../etc/passwd\"}}}", "outside the model folder")]
    public void Load_malformed_config_names_the_config(string config, string expected)
    {
        var folder = model.CopyFolder();
        File.WriteAllText(Path.Combine(folder, "genai_config.json"), config);

        var error = Assert.Throws<ModelLoadException>(() => OnnxChatClient.Load(folder));

        Assert.Contains("genai_config.json", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_config_that_runtime_rejects_is_a_load_error()
    {
        var folder = model.CopyFolder();
        var path = Path.Combine(folder, "genai_config.json");
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"vocab_size\"", "\"no_such_setting\": 1, \"vocab_size\"", StringComparison.Ordinal));

        var error = Assert.Throws<ModelLoadException>(() => OnnxChatClient.Load(folder));

        Assert.Contains("ONNX Runtime GenAI could not load", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_unknown_execution_provider_is_rejected()
    {
        var error = Assert.Throws<ModelLoadException>(() => OnnxChatClient.Load(model.Folder, new OnnxChatClientOptions { ExecutionProvider = "tpu" }));
        Assert.Contains("tpu", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_cuda_on_the_cpu_build_says_how_to_get_the_cuda_build()
    {
        var error = Assert.Throws<ModelLoadException>(() => OnnxChatClient.Load(model.Folder, new OnnxChatClientOptions { ExecutionProvider = "cuda" }));
        Assert.Contains("FeedEngineGpu=true", error.Message, StringComparison.Ordinal);
    }
}
