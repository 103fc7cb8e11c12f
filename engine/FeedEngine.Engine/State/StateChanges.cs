using System.Text.Json;
using System.Text.Json.Nodes;
using FeedEngine.Engine.Posts;

namespace FeedEngine.Engine.State;

/// <summary>One proposed change the engine refused, and why (for the log; the viewer never sees it).</summary>
public sealed record StateChangeRejection(string? Variable, string Reason)
{
    public override string ToString() => Variable is null ? Reason : $"{Variable}: {Reason}";
}

/// <summary>The state after a reply's proposals: the valid changes applied together, the rest refused with reasons.</summary>
public sealed record StateChangeOutcome(JsonObject State, bool Changed, IReadOnlyList<string> Applied, IReadOnlyList<StateChangeRejection> Rejected);

/// <summary>
/// Applies the state blocks a model proposed, e.g. <c>{"set":{"location":"cave"},"inc":{"score":1},"add":{"clues":["cave map"]}}</c>.
/// Operations: <c>set</c> (any type), <c>inc</c> (numbers; the result must stay in bounds), <c>add</c> and <c>remove</c> (sets).
/// Each change is checked against the schema (variable, type, bounds, allowed values) on its own: valid ones apply, in order.
/// </summary>
public static class StateChanges
{
    public const int MaxBlocks = 4;

    public static StateChangeOutcome Apply(StateSchema schema, JsonObject current, IEnumerable<string> blocks)
    {
        var state = (JsonObject)current.DeepClone();
        var applied = new List<string>();
        var rejected = new List<StateChangeRejection>();
        var count = 0;
        foreach (var block in blocks)
        {
            if (++count > MaxBlocks)
            {
                rejected.Add(new(null, $"a reply proposes at most {MaxBlocks} state blocks; the rest were ignored"));
                break;
            }
            ApplyBlock(schema, state, block, applied, rejected);
        }
        var changed = state.ToJsonString() != current.ToJsonString();
        return new StateChangeOutcome(state, changed, applied, rejected);
    }

    static void ApplyBlock(StateSchema schema, JsonObject state, string block, List<string> applied, List<StateChangeRejection> rejected)
    {
        JsonNode? parsed;
        try
        {
            parsed = JsonNode.Parse(block);
        }
        catch (JsonException e)
        {
            rejected.Add(new(null, $"the state block is not JSON ({e.Message})"));
            return;
        }
        if (parsed is not JsonObject operations)
        {
            rejected.Add(new(null, "the state block is not a JSON object of operations (set, inc, add, remove)"));
            return;
        }
        foreach (var (operation, body) in operations)
        {
            if (!StateSchema.IsOperation(operation))
            {
                rejected.Add(new(null, $"'{operation}' is not an operation (use set, inc, add or remove)"));
                continue;
            }
            if (body is not JsonObject changes)
            {
                rejected.Add(new(null, $"'{operation}' needs an object of variable names and values"));
                continue;
            }
            foreach (var (name, value) in changes)
            {
                if (schema.Find(name) is not { } variable)
                {
                    rejected.Add(new(name, "there is no such state variable"));
                    continue;
                }
                var problem = operation switch
                {
                    "set" => Set(state, variable, value),
                    "inc" => Increment(state, variable, value),
                    _ => ChangeSet(state, variable, value, operation == "add"),
                };
                if (problem is null) applied.Add($"{operation} {name}");
                else rejected.Add(new(name, $"{operation}: {problem}"));
            }
        }
    }

    static string? Set(JsonObject state, StateVariableSpec variable, JsonNode? value)
    {
        if (StateSchema.CheckValue(variable, value) is { } problem) return problem;
        state[variable.Name] = variable.Type == StateValueType.Int && StateSchema.TryNumber(value, out var whole)
            ? JsonValue.Create((long)whole)
            : value?.DeepClone();
        return null;
    }

    static string? Increment(JsonObject state, StateVariableSpec variable, JsonNode? delta)
    {
        if (variable.Type is not (StateValueType.Int or StateValueType.Number)) return "only numbers can be increased";
        if (!StateSchema.TryNumber(delta, out var by) || !double.IsFinite(by)) return "needs a number to add";
        if (variable.Type == StateValueType.Int && by != Math.Floor(by)) return "a whole number changes by whole numbers";
        StateSchema.TryNumber(state[variable.Name], out var now);
        var next = now + by;
        JsonNode result = variable.Type == StateValueType.Int ? JsonValue.Create((long)next) : JsonValue.Create(next);
        if (StateSchema.CheckValue(variable, result) is { } problem) return $"would make it {StateSchema.Format(next)}, but {problem}";
        state[variable.Name] = result;
        return null;
    }

    static string? ChangeSet(JsonObject state, StateVariableSpec variable, JsonNode? values, bool add)
    {
        if (variable.Type != StateValueType.Set) return "only sets take add and remove";
        var members = values switch
        {
            JsonArray array => array.Select(v => v is JsonValue s && s.GetValueKind() == JsonValueKind.String ? s.GetValue<string>() : null).ToList(),
            JsonValue s when s.GetValueKind() == JsonValueKind.String => [s.GetValue<string>()],
            _ => null,
        };
        if (members is null || members.Contains(null)) return "needs a text value or a list of them";
        var current = (state[variable.Name] as JsonArray)?.Select(v => v!.GetValue<string>()).ToList() ?? [];
        foreach (var member in members)
        {
            if (StateSchema.CheckMember(variable, member!) is { } problem) return problem;
            if (add && !current.Contains(member!, StringComparer.Ordinal)) current.Add(member!);
            if (!add) current.Remove(member!);
        }
        if (current.Count > StateSchema.MaxSetItems) return $"the set would hold more than {StateSchema.MaxSetItems} values";
        state[variable.Name] = new JsonArray([.. current.Select(m => JsonValue.Create(m))]);
        return null;
    }
}
