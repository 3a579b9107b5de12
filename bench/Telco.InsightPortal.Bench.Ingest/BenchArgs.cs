using System.Globalization;

namespace Telco.InsightPortal.Bench.Ingest;

/// <summary>"--name value" pairs.</summary>
internal sealed class BenchArgs(Dictionary<string, string> values)
{
    public static BenchArgs Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal)) throw new ArgumentException($"Expected --name, got '{args[i]}'.");
            values[args[i][2..]] = args[i + 1];
        }
        return new BenchArgs(values);
    }

    public string? Get(string name) => values.GetValueOrDefault(name);

    public string Required(string name) => Get(name) ?? throw new ArgumentException($"--{name} is required.");

    public long Long(string name, long? fallback = null) =>
        Get(name) is { } s ? long.Parse(s, CultureInfo.InvariantCulture) : fallback ?? throw new ArgumentException($"--{name} is required.");
}
