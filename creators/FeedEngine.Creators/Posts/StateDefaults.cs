using System.Globalization;
using System.Text.Json;
using FeedEngine.Storage.Posts;

namespace FeedEngine.Creators.Posts;

/// <summary>Starting values of state variables: the natural one when a creator gives none, and the check of a given one.</summary>
public static class StateDefaults
{
    /// <summary>0 (moved into the bounds), false, "", the first allowed value, or an empty set.</summary>
    public static string Natural(StateVariable variable) => variable.Type switch
    {
        StateVariableType.Int or StateVariableType.Number => Number(Math.Min(Math.Max(0, variable.Min ?? 0), variable.Max ?? double.MaxValue)),
        StateVariableType.Bool => "false",
        StateVariableType.Text => "\"\"",
        StateVariableType.Enum => variable.AllowedValues.Count > 0 ? JsonSerializer.Serialize(variable.AllowedValues[0]) : "null",
        _ => "[]",
    };

    /// <summary>Why the variable's default does not fit its type, bounds or allowed values; null when it fits.</summary>
    public static string? Problem(StateVariable variable)
    {
        var name = variable.Name.Length > 0 ? $"'{variable.Name}'" : "this variable";
        JsonElement value;
        try
        {
            using var document = JsonDocument.Parse(variable.DefaultJson, new JsonDocumentOptions { MaxDepth = 4 });
            value = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return $"The starting value of {name} is not a value FeedEngine can read. Write a number, true or false, or text.";
        }

        switch (variable.Type)
        {
            case StateVariableType.Int or StateVariableType.Number:
                if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number))
                    return $"The starting value of {name} must be a number.";
                if (variable.Type == StateVariableType.Int && (Math.Floor(number) != number || Math.Abs(number) > 1e15))
                    return $"The starting value of {name} must be a whole number ({variable.Type.ToString().ToLowerInvariant()} variable): {Number(number)} is not.";
                if (number < (variable.Min ?? double.MinValue) || number > (variable.Max ?? double.MaxValue))
                    return $"The starting value {Number(number)} of {name} is outside its bounds {Bounds(variable)}: choose a value {Bounds(variable, asRange: true)}.";
                return null;
            case StateVariableType.Bool:
                return value.ValueKind is JsonValueKind.True or JsonValueKind.False ? null : $"The starting value of {name} must be true or false.";
            case StateVariableType.Text:
                if (value.ValueKind != JsonValueKind.String) return $"The starting value of {name} must be text.";
                return value.GetString()!.Length > PostLimits.TextStateDefaultLength
                    ? $"The starting value of {name} is too long: keep it under {PostLimits.TextStateDefaultLength:N0} characters."
                    : null;
            case StateVariableType.Enum:
                if (variable.AllowedValues.Count == 0) return null; // reported on allowedValues
                if (value.ValueKind != JsonValueKind.String || !variable.AllowedValues.Contains(value.GetString()!, StringComparer.Ordinal))
                    return $"The starting value {Shown(value)} of {name} is not one of its allowed values: {string.Join(", ", variable.AllowedValues)}.";
                return null;
            default:
                if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(i => i.ValueKind != JsonValueKind.String))
                    return $"The starting value of {name} must be a list of text values (empty for none).";
                var items = value.EnumerateArray().Select(i => i.GetString()!).ToList();
                if (variable.AllowedValues.Count > 0 && items.FirstOrDefault(i => !variable.AllowedValues.Contains(i, StringComparer.Ordinal)) is { } stranger)
                    return $"The starting value of {name} holds '{stranger}', which is not one of its allowed values: {string.Join(", ", variable.AllowedValues)}.";
                if (items.Count != items.Distinct(StringComparer.Ordinal).Count())
                    return $"The starting value of {name} lists a value twice; a set holds each value once.";
                return null;
        }
    }

    static string Shown(JsonElement value) => value.ValueKind == JsonValueKind.String ? $"'{value.GetString()}'" : value.GetRawText();

    static string Bounds(StateVariable v, bool asRange = false) => (v.Min, v.Max) switch
    {
        ({ } min, { } max) => asRange ? $"from {Number(min)} to {Number(max)}" : $"{Number(min)} to {Number(max)}",
        ({ } min, null) => asRange ? $"of {Number(min)} or more" : $"{Number(min)} or more",
        (null, { } max) => asRange ? $"of {Number(max)} or less" : $"{Number(max)} or less",
        _ => "",
    };

    public static string Number(double value) => value.ToString("0.############", CultureInfo.InvariantCulture);
}
