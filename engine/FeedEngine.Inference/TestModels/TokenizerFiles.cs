using System.Text.Json;

namespace FeedEngine.Inference.TestModels;

/// <summary>Writes a Hugging Face byte-level BPE <c>tokenizer.json</c> and a <c>tokenizer_config.json</c> with a Llama 3 style chat template.</summary>
internal static class TokenizerFiles
{
    /// <summary>Llama 3's turn layout. Kept to the Jinja subset every template engine handles.</summary>
    public const string ChatTemplate =
        "<|begin_of_text|>{% for message in messages %}<|start_header_id|>{{ message['role'] }}<|end_header_id|>\n\n"
        + "{{ message['content'] }}<|eot_id|>{% endfor %}"
        + "{% if add_generation_prompt %}<|start_header_id|>assistant<|end_header_id|>\n\n{% endif %}";

    public static void Write(string folder)
    {
        var symbols = ByteLevelVocabulary.ByteSymbols();
        using (var stream = File.Create(Path.Combine(folder, "tokenizer.json")))
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("version", "1.0");
            json.WriteNull("truncation");
            json.WriteNull("padding");
            json.WriteStartArray("added_tokens");
            foreach (var special in ByteLevelVocabulary.Specials)
            {
                json.WriteStartObject();
                json.WriteNumber("id", ByteLevelVocabulary.IdOf(special));
                json.WriteString("content", special);
                json.WriteBoolean("single_word", false);
                json.WriteBoolean("lstrip", false);
                json.WriteBoolean("rstrip", false);
                json.WriteBoolean("normalized", false);
                json.WriteBoolean("special", true);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteNull("normalizer");
            WriteByteLevel(json, "pre_tokenizer", addPrefixSpace: false);
            json.WriteNull("post_processor");
            WriteByteLevel(json, "decoder", addPrefixSpace: false);
            json.WriteStartObject("model");
            json.WriteString("type", "BPE");
            json.WriteNull("dropout");
            json.WriteNull("unk_token");
            json.WriteNull("continuing_subword_prefix");
            json.WriteNull("end_of_word_suffix");
            json.WriteBoolean("fuse_unk", false);
            json.WriteBoolean("byte_fallback", false);
            json.WriteStartObject("vocab");
            for (var id = 0; id < ByteLevelVocabulary.FirstSpecialId; id++)
                json.WriteNumber(ByteLevelVocabulary.Encode(ByteLevelVocabulary.TextOf(id), symbols), id);
            foreach (var special in ByteLevelVocabulary.Specials)
                json.WriteNumber(special, ByteLevelVocabulary.IdOf(special));
            json.WriteEndObject();
            json.WriteStartArray("merges");
            foreach (var (left, right) in ByteLevelVocabulary.Merges)
                json.WriteStringValue($"{ByteLevelVocabulary.Encode(left, symbols)} {ByteLevelVocabulary.Encode(right, symbols)}");
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
        }

        var config = new Dictionary<string, object>
        {
            ["tokenizer_class"] = "PreTrainedTokenizerFast",
            ["bos_token"] = ByteLevelVocabulary.BeginOfText,
            ["eos_token"] = ByteLevelVocabulary.EndOfTurn,
            ["pad_token"] = ByteLevelVocabulary.EndOfText,
            ["clean_up_tokenization_spaces"] = false,
            ["model_max_length"] = 131072,
            ["chat_template"] = ChatTemplate,
        };
        File.WriteAllText(Path.Combine(folder, "tokenizer_config.json"), JsonSerializer.Serialize(config, new JsonSerializerOptions { WriteIndented = true }));
    }

    static void WriteByteLevel(Utf8JsonWriter json, string property, bool addPrefixSpace)
    {
        json.WriteStartObject(property);
        json.WriteString("type", "ByteLevel");
        json.WriteBoolean("add_prefix_space", addPrefixSpace);
        json.WriteBoolean("trim_offsets", true);
        json.WriteBoolean("use_regex", true);
        json.WriteEndObject();
    }
}
