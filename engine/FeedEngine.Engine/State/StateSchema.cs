using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FeedEngine.Engine.Posts;

namespace FeedEngine.Engine.State;

/// <summary>
/// A post's typed state: the variables that passed validation, their defaults, and the checks every value must pass.
/// A variable that fails validation is left out (with a problem saying why) so one authoring mistake cannot break a session.
/// </summary>
public sealed partial class StateSchema
{
    public const int MaxVariables = 50;
    public const int MaxTextLength = 500;
    public const int MaxSetItems = 50;
    public const int MaxValueLength = 100;

    static readonly string[] Operations = ["set", "inc", "add", "remove"];

    readonly Dictionary<string, StateVariableSpec> byName;

    StateSchema(List<StateVariableSpec> variables, Dictionary<string, JsonNode?> defaults, List<string> problems)
    {
        Variables = variables;
        byName = variables.ToDictionary(v => v.Name, StringComparer.Ordinal);
        Defaults = defaults;
        Problems = problems;
    }

    public IReadOnlyList<StateVariableSpec> Variables { get; }

    /// <summary>Why variables were left out; empty for a valid schema.</summary>
    public IReadOnlyList<string> Problems { get; }

    IReadOnlyDictionary<string, JsonNode?> Defaults { get; }

    public StateVariableSpec? Find(string name) => byName.GetValueOrDefault(name);

    /// <summary>Checks every variable (name, type, bounds, allowed values, default) and keeps the valid ones.</summary>
    public static StateSchema Build(IEnumerable<StateVariableSpec> variables)
    {
        var kept = new List<StateVariableSpec>();
        var defaults = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        var problems = new List<string>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var variable in variables)
        {
            var problem = CheckDefinition(variable, seen.Count >= MaxVariables, seen.Contains(variable.Name));
            JsonNode? initial = null;
            if (problem is null)
            {
                initial = DefaultOf(variable, out problem);
            }
            if (problem is not null)
            {
                problems.Add($"State variable '{variable.Name}': {problem}");
                continue;
            }
            seen.Add(variable.Name);
            kept.Add(variable);
            defaults[variable.Name] = initial;
        }
        return new StateSchema(kept, defaults, problems);
    }

    /// <summary>A fresh state: every variable at its default.</summary>
    public JsonObject Initial()
    {
        var state = new JsonObject();
        foreach (var variable in Variables) state[variable.Name] = Defaults[variable.Name]?.DeepClone();
        return state;
    }

    /// <summary>A stored state made to fit the schema: unknown variables dropped, missing or invalid ones at their default.</summary>
    public JsonObject Normalize(string? json)
    {
        JsonObject? stored = null;
        try
        {
            stored = string.IsNullOrWhiteSpace(json) ? null : JsonNode.Parse(json) as JsonObject;
        }
        catch (JsonException)
        {
        }
        var state = Initial();
        if (stored is null) return state;
        foreach (var variable in Variables)
        {
            if (stored.TryGetPropertyValue(variable.Name, out var value) && CheckValue(variable, value) is null)
                state[variable.Name] = value?.DeepClone();
        }
        return state;
    }

    /// <summary>The variables a viewer may see, as a JSON object.</summary>
    public string VisibleJson(JsonObject state)
    {
        var visible = new JsonObject();
        foreach (var variable in Variables.Where(v => v.VisibleToViewer))
            visible[variable.Name] = state[variable.Name]?.DeepClone();
        return visible.ToJsonString();
    }

    /// <summary>Null when <paramref name="value"/> is a valid value of <paramref name="variable"/>; else why not.</summary>
    public static string? CheckValue(StateVariableSpec variable, JsonNode? value)
    {
        switch (variable.Type)
        {
            case StateValueType.Int:
                if (!TryNumber(value, out var i) || i != Math.Floor(i) || Math.Abs(i) > 1e15) return "needs a whole number";
                return CheckBounds(variable, i);
            case StateValueType.Number:
                if (!TryNumber(value, out var n) || !double.IsFinite(n)) return "needs a number";
                return CheckBounds(variable, n);
            case StateValueType.Bool:
                return value is JsonValue b && b.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? null : "needs true or false";
            case StateValueType.Text:
                if (!TryString(value, out var text)) return "needs text";
                var limit = (int)Math.Min(variable.Max ?? MaxTextLength, MaxTextLength);
                return text.Length <= limit ? null : $"takes at most {limit} characters";
            case StateValueType.Enum:
                if (!TryString(value, out var choice)) return "needs one of its values as text";
                return variable.AllowedValues.Contains(choice, StringComparer.Ordinal) ? null : $"'{choice}' is not one of {Describe(variable.AllowedValues)}";
            case StateValueType.Set:
                if (value is not JsonArray items) return "needs a list of text values";
                if (items.Count > MaxSetItems) return $"holds at most {MaxSetItems} values";
                foreach (var item in items)
                {
                    if (!TryString(item, out var member)) return "holds only text values";
                    if (CheckMember(variable, member) is { } problem) return problem;
                }
                return items.Select(x => x!.GetValue<string>()).Distinct(StringComparer.Ordinal).Count() == items.Count ? null : "holds each value once";
            default:
                return "has an unknown type";
        }
    }

    /// <summary>Null when <paramref name="member"/> may be in the set <paramref name="variable"/>.</summary>
    public static string? CheckMember(StateVariableSpec variable, string member)
    {
        if (member.Length == 0 || member.Length > MaxValueLength) return $"values need 1 to {MaxValueLength} characters";
        if (variable.AllowedValues.Length > 0 && !variable.AllowedValues.Contains(member, StringComparer.Ordinal))
            return $"'{member}' is not one of {Describe(variable.AllowedValues)}";
        return null;
    }

    public static bool IsOperation(string name) => Operations.Contains(name, StringComparer.Ordinal);

    public static string Describe(IEnumerable<string> values) => string.Join(", ", values.Select(v => $"'{v}'"));

    static string? CheckDefinition(StateVariableSpec v, bool full, bool duplicate)
    {
        if (full) return $"a post has at most {MaxVariables} state variables";
        if (!NamePattern().IsMatch(v.Name)) return "a name is a letter followed by up to 39 letters, digits or underscores";
        if (IsOperation(v.Name)) return "set, inc, add and remove are reserved words";
        if (duplicate) return "the name is used twice";
        if (v.Min is { } min && v.Max is { } max && min > max) return $"the minimum {Format(min)} is above the maximum {Format(max)}";
        switch (v.Type)
        {
            case StateValueType.Int when (v.Min is { } a && a != Math.Floor(a)) || (v.Max is { } b && b != Math.Floor(b)):
                return "whole-number bounds are whole numbers";
            case StateValueType.Number when (v.Min is { } a && !double.IsFinite(a)) || (v.Max is { } b && !double.IsFinite(b)):
                return "bounds are finite numbers";
            case StateValueType.Bool or StateValueType.Enum or StateValueType.Set when v.Min is not null || v.Max is not null:
                return "only numbers (and text, for its length) take a minimum or maximum";
            case StateValueType.Text when v.Min is not null || v.Max is <= 0:
                return "text takes only a maximum length above zero";
            case StateValueType.Enum when v.AllowedValues.Length == 0:
                return "an enum needs its allowed values";
            case StateValueType.Int or StateValueType.Number or StateValueType.Bool or StateValueType.Text when v.AllowedValues.Length > 0:
                return "only enums and sets take allowed values";
        }
        if (v.AllowedValues.Any(a => a.Length == 0 || a.Length > MaxValueLength)) return $"allowed values need 1 to {MaxValueLength} characters";
        if (v.AllowedValues.Distinct(StringComparer.Ordinal).Count() != v.AllowedValues.Length) return "an allowed value is listed twice";
        return null;
    }

    /// <summary>The declared default, or for <c>null</c> the type's natural start (0 or the minimum, false, "", the first value, []).</summary>
    static JsonNode? DefaultOf(StateVariableSpec v, out string? problem)
    {
        problem = null;
        JsonNode? value;
        try
        {
            value = JsonNode.Parse(string.IsNullOrWhiteSpace(v.DefaultJson) ? "null" : v.DefaultJson);
        }
        catch (JsonException)
        {
            problem = $"the default {v.DefaultJson} is not JSON";
            return null;
        }
        value ??= v.Type switch
        {
            StateValueType.Int or StateValueType.Number => JsonValue.Create(Math.Clamp(0, v.Min ?? double.MinValue, v.Max ?? double.MaxValue)),
            StateValueType.Bool => JsonValue.Create(false),
            StateValueType.Text => JsonValue.Create(""),
            StateValueType.Enum => JsonValue.Create(v.AllowedValues[0]),
            _ => new JsonArray(),
        };
        if (v.Type == StateValueType.Int && TryNumber(value, out var whole) && whole == Math.Floor(whole)) value = JsonValue.Create((long)whole);
        if (CheckValue(v, value) is { } invalid) problem = $"the default {value.ToJsonString()} {invalid}";
        return value;
    }

    static string? CheckBounds(StateVariableSpec variable, double value)
    {
        if (variable.Min is { } min && value < min) return $"{Format(value)} is below the minimum {Format(min)}";
        if (variable.Max is { } max && value > max) return $"{Format(value)} is above the maximum {Format(max)}";
        return null;
    }

    internal static bool TryNumber(JsonNode? node, out double value)
    {
        value = 0;
        // Parsed and created values hold numbers differently; their JSON text reads the same.
        return node is JsonValue v && v.GetValueKind() == JsonValueKind.Number
            && double.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    static bool TryString(JsonNode? node, out string value)
    {
        value = "";
        if (node is not JsonValue v || v.GetValueKind() != JsonValueKind.String) return false;
        value = v.GetValue<string>();
        return true;
    }

    internal static string Format(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]{0,39}$")]
    private static partial Regex NamePattern();
}
