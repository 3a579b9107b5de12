using Microsoft.ML;

namespace Telco.InsightPortal.Ml.Trainers;

/// <summary>A trainer the portal offers: its name, parameters and how to build it.</summary>
public sealed class TrainerSpec
{
    internal delegate IEstimator<ITransformer> Factory(MLContext ml, IReadOnlyDictionary<string, double> p, TrainerSettings settings);

    internal TrainerSpec(string name, string description, bool needsNormalisation, IReadOnlyList<HyperParameter> parameters, Factory create)
    {
        Name = name;
        Description = description;
        NeedsNormalisation = needsNormalisation;
        Parameters = parameters;
        Create = create;
    }

    public string Name { get; }
    public string Description { get; }
    public bool NeedsNormalisation { get; }
    public IReadOnlyList<HyperParameter> Parameters { get; }
    internal Factory Create { get; }

    public IReadOnlyDictionary<string, double> Defaults => Parameters.ToDictionary(p => p.Name, p => p.Default);

    /// <summary>Fills in defaults and checks every value; unknown names and values out of range are refused.</summary>
    public IReadOnlyDictionary<string, double> Resolve(IReadOnlyDictionary<string, double>? given)
    {
        var resolved = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (var p in Parameters) resolved[p.Name] = p.Default;
        foreach (var (name, value) in given ?? new Dictionary<string, double>())
        {
            var p = Parameters.FirstOrDefault(x => string.Equals(x.Name, name, StringComparison.OrdinalIgnoreCase))
                ?? throw new TrainingException(
                    $"Trainer '{Name}' has no parameter '{name}'; its parameters are {string.Join(", ", Parameters.Select(x => x.Name))}.");
            resolved[p.Name] = p.Validate(Name, value);
        }
        return resolved;
    }
}

/// <summary>Per-run settings every trainer takes.</summary>
internal sealed record TrainerSettings(string Label, string Features, int Seed, int? Threads);
