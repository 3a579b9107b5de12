using System.Globalization;

namespace Telco.InsightPortal.Core.Jobs;

/// <summary>
/// "Run this step only if …": an earlier step's output compared with a literal — <c>{"output":"$evaluate.gain",
/// "op":"&gt;=","value":0.005}</c>. Numbers compare as numbers, booleans and text only with = and !=.
/// </summary>
public sealed record StepCondition(OutputRef Output, string Op, object Value)
{
    public static readonly IReadOnlyList<string> Ops = ["=", "!=", ">", ">=", "<", "<="];

    /// <summary>Whether the step runs, and a sentence saying why, for the step's log.</summary>
    public (bool Holds, string Because) Evaluate(IReadOnlyDictionary<string, IReadOnlyDictionary<string, object?>> outputs)
    {
        if (!outputs.TryGetValue(Output.Step, out var step) || !step.TryGetValue(Output.Output, out var actual) || actual is null)
            return (false, $"{Output} has no value, so {this} does not hold.");
        var holds = (actual, Value) switch
        {
            (bool a, bool b) => Op switch { "=" => a == b, "!=" => a != b, _ => false },
            (string a, string b) => Op switch { "=" => a == b, "!=" => a != b, _ => false },
            _ when Number(actual) is { } a && Number(Value) is { } b => Op switch
            {
                "=" => a == b, "!=" => a != b, ">" => a > b, ">=" => a >= b, "<" => a < b, "<=" => a <= b, _ => false,
            },
            _ => false,
        };
        return (holds, $"{Output} is {Format(actual)}, so {this} {(holds ? "holds" : "does not hold")}.");
    }

    public override string ToString() => $"{Output} {Op} {Format(Value)}";

    private static double? Number(object? v) => v switch
    {
        long l => l, int i => i, double d => d, _ => null,
    };

    private static string Format(object? v) => v switch
    {
        double d => d.ToString("0.######", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        string s => "'" + s + "'",
        _ => Convert.ToString(v, CultureInfo.InvariantCulture) ?? "null",
    };
}
