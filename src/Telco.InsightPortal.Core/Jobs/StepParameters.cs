using System.Globalization;

namespace Telco.InsightPortal.Core.Jobs;

/// <summary>
/// A step's parameters as its kind reads them at run time: the definition's values with every <see cref="OutputRef"/>
/// replaced by the earlier step's output and every omitted parameter given its default. A reference to an output that
/// has no value (its step was skipped) fails the step, saying which.
/// </summary>
public sealed class StepParameters
{
    private readonly Dictionary<string, object?> _values;

    public StepParameters(JobStep step, IReadOnlyDictionary<string, IReadOnlyDictionary<string, object?>> outputs)
    {
        var spec = JobKindCatalog.Find(step.Kind) ?? throw new InvalidOperationException($"Unknown job kind '{step.Kind}'.");
        _values = spec.Parameters.ToDictionary(p => p.Name, p => p.Default, StringComparer.Ordinal);
        foreach (var (name, value) in step.Parameters)
            _values[name] = value is OutputRef r ? Output(r, outputs) : value;
    }

    public IReadOnlyDictionary<string, object?> All => _values;

    public string? Text(string name) => _values.GetValueOrDefault(name) is { } v ? Convert.ToString(v, CultureInfo.InvariantCulture) : null;

    public string RequiredText(string name) => Text(name) ?? throw new JobStepException($"Parameter '{name}' has no value.");

    public long? Integer(string name) => _values.GetValueOrDefault(name) switch
    {
        long l => l,
        int i => i,
        double d when d == Math.Floor(d) => (long)d,
        string s when long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) => parsed,
        null => null,
        var other => throw new JobStepException($"Parameter '{name}' is {other}, not a whole number."),
    };

    public double? Number(string name) => _values.GetValueOrDefault(name) switch
    {
        long l => l,
        int i => i,
        double d => d,
        null => null,
        var other => throw new JobStepException($"Parameter '{name}' is {other}, not a number."),
    };

    public bool? Boolean(string name) => _values.GetValueOrDefault(name) as bool?;

    private static object Output(OutputRef r, IReadOnlyDictionary<string, IReadOnlyDictionary<string, object?>> outputs) =>
        outputs.TryGetValue(r.Step, out var step) && step.TryGetValue(r.Output, out var value) && value is not null
            ? value
            : throw new JobStepException($"{r} has no value: step '{r.Step}' did not produce it (skipped or failed).");
}

/// <summary>A step that cannot go on, with the reason for its log and its run; the run fails (and may be retried).</summary>
public sealed class JobStepException(string message, Exception? inner = null) : Exception(message, inner);
