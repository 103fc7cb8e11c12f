using System.Text;
using System.Text.Json.Nodes;
using FeedEngine.Engine.Posts;

namespace FeedEngine.Engine.State;

/// <summary>The part of the prompt that tells the model the state, its rules, and the block that changes it.</summary>
public static class StatePrompt
{
    /// <summary>Tells the model the variables, their current values, and how to propose changes.</summary>
    public static string Protocol(StateSchema schema, JsonObject state)
    {
        var text = new StringBuilder("The story keeps this state (current values):\n");
        foreach (var v in schema.Variables)
        {
            text.Append("- ").Append(v.Name).Append(" = ").Append(state[v.Name]?.ToJsonString() ?? "null").Append(" (").Append(Describe(v)).Append(')');
            if (!v.VisibleToViewer) text.Append(", hidden from the player");
            if (!string.IsNullOrWhiteSpace(v.Description)) text.Append(": ").Append(v.Description.Trim());
            text.Append('\n');
        }
        text.Append("When your reply changes the state, end it with one block such as ")
            .Append(StateBlockFilter.Open)
            .Append("{\"set\":{\"name\":value},\"inc\":{\"number\":1},\"add\":{\"set\":[\"item\"]},\"remove\":{\"set\":[\"item\"]}}")
            .Append(StateBlockFilter.Close)
            .Append(" listing only what changed. The player never sees the block; values outside the rules are refused.");
        return text.ToString();
    }

    static string Describe(StateVariableSpec v) => v.Type switch
    {
        StateValueType.Int or StateValueType.Number => $"{(v.Type == StateValueType.Int ? "whole number" : "number")}{Bounds(v)}",
        StateValueType.Bool => "true or false",
        StateValueType.Text => "text",
        StateValueType.Enum => $"one of {StateSchema.Describe(v.AllowedValues)}",
        _ => v.AllowedValues.Length > 0 ? $"a set of {StateSchema.Describe(v.AllowedValues)}" : "a set of text values",
    };

    static string Bounds(StateVariableSpec v) => (v.Min, v.Max) switch
    {
        ({ } min, { } max) => $" from {StateSchema.Format(min)} to {StateSchema.Format(max)}",
        ({ } min, null) => $", at least {StateSchema.Format(min)}",
        (null, { } max) => $", at most {StateSchema.Format(max)}",
        _ => "",
    };
}
