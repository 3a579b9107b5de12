using System.Text.Json;
using Telco.InsightPortal.Core.Monitoring;

namespace Telco.InsightPortal.Data.Monitoring;

/// <summary>A <see cref="TrainingReference"/> as the <c>monitoring_references</c> table keeps it. Categories become
/// objects (tuples have no JSON names); a missing category is a null name, as in memory.</summary>
internal static class ReferenceJson
{
    private sealed record Feature(string Name, FeatureKind Kind, int Ordinal, double[]? Edges, double[]? DecileEdges, long[]? BinCounts, Category[]? Categories);

    private sealed record Category(string? Name, long Count);

    private sealed record Stored(long SnapshotId, long DatasetId, long Rows, Feature[] Features);

    public static string Write(TrainingReference r) => JsonSerializer.Serialize(new Stored(r.SnapshotId, r.DatasetId, r.Rows, [.. r.Features.Select(f => new Feature(
        f.Name, f.Kind, f.Ordinal, f.Bins?.Edges.ToArray(), f.Bins?.DecileEdges.ToArray(), f.BinCounts?.ToArray(),
        f.Categories?.Select(c => new Category(c.Category, c.Count)).ToArray()))]));

    public static TrainingReference Read(string json)
    {
        var s = JsonSerializer.Deserialize<Stored>(json) ?? throw new InvalidDataException("A stored training reference is null.");
        return new TrainingReference(s.SnapshotId, s.DatasetId, s.Rows, [.. s.Features.Select(f => new ReferenceFeature(f.Name, f.Kind, f.Ordinal,
            f.Edges is null ? null : new NumericBins(f.Edges, f.DecileEdges ?? []), f.BinCounts,
            f.Categories?.Select(c => (c.Name, c.Count)).ToList()))]);
    }
}
