using System.Globalization;
using System.Text.Json;
using FeedEngine.Creators.Posts;
using FeedEngine.Storage.Posts;

namespace FeedEngine.Creators.Studio;

/// <summary>One state variable of the editor. The starting value is written as a person would: 100, true, harbor, map, key.</summary>
public sealed class StateRow
{
    public string? Name { get; set; }
    public string? Type { get; set; }
    public string? Min { get; set; }
    public string? Max { get; set; }
    public string? AllowedValues { get; set; }
    public string? Default { get; set; }
    public bool VisibleToViewer { get; set; }
    public string? Description { get; set; }

    public bool IsBlank => string.IsNullOrWhiteSpace(Name) && string.IsNullOrWhiteSpace(Min) && string.IsNullOrWhiteSpace(Max)
        && string.IsNullOrWhiteSpace(AllowedValues) && string.IsNullOrWhiteSpace(Default) && string.IsNullOrWhiteSpace(Description);

    public static StateRow From(StateVariable v) => new()
    {
        Name = v.Name,
        Type = PostEditorForm.Name(v.Type),
        Min = v.Min is { } min ? StateDefaults.Number(min) : "",
        Max = v.Max is { } max ? StateDefaults.Number(max) : "",
        AllowedValues = string.Join(", ", v.AllowedValues),
        Default = Text(v.DefaultJson),
        VisibleToViewer = v.VisibleToViewer,
        Description = v.Description,
    };

    public StateVariableInput ToInput(int index, PostProblems problems)
    {
        var field = $"stateSchema[{index}]";
        if (!Enum.TryParse<StateVariableType>(Type, ignoreCase: true, out var type) || !Enum.IsDefined(type) || int.TryParse(Type, out _))
        {
            problems.Add($"{field}.type", "Choose the variable's type: int, number, bool, text, enum or set.");
            type = StateVariableType.Text;
        }
        return new StateVariableInput(Name, type, Number(Min, $"{field}.min", problems), Number(Max, $"{field}.max", problems),
            AllowedValues is null ? [] : [.. AllowedValues.Split(',').Select(a => a.Trim()).Where(a => a.Length > 0)],
            Json(type, Default), VisibleToViewer, Description);
    }

    /// <summary>The starting value as JSON: numbers and true/false as themselves, a set from comma-separated values, the rest as text.</summary>
    static JsonElement? Json(StateVariableType type, string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return type == StateVariableType.Text && text is not null ? JsonSerializer.SerializeToElement("") : null;
        var trimmed = text.Trim();
        switch (type)
        {
            case StateVariableType.Int or StateVariableType.Number
                when double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number):
                return JsonSerializer.SerializeToElement(number);
            case StateVariableType.Bool when bool.TryParse(trimmed, out var flag):
                return JsonSerializer.SerializeToElement(flag);
            case StateVariableType.Set:
                return JsonSerializer.SerializeToElement(trimmed.Split(',').Select(s => s.Trim()).Where(s => s.Length > 0).ToArray());
            default:
                return JsonSerializer.SerializeToElement(type == StateVariableType.Text ? text : trimmed);
        }
    }

    static string Text(string json)
    {
        using var document = JsonDocument.Parse(json);
        var value = document.RootElement;
        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString()!,
            JsonValueKind.Array => string.Join(", ", value.EnumerateArray().Select(i => i.ValueKind == JsonValueKind.String ? i.GetString() : i.GetRawText())),
            JsonValueKind.Null => "",
            _ => value.GetRawText(),
        };
    }

    static double? Number(string? text, string field, PostProblems problems)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)) return value;
        problems.Add(field, $"'{text}' is not a number.");
        return null;
    }
}
