using Telco.InsightPortal.Core.Data;
using Telco.InsightPortal.Serving.Deployments;

namespace Telco.InsightPortal.Serving.Scoring;

/// <summary>What <c>GET /serving/{deployment}/schema</c> answers: the inputs of the first target (a canary's versions are
/// trained on the same dataset schema), each with what training saw of it, for forms generated from the schema.</summary>
public sealed record ServingSchema(
    string Deployment,
    IReadOnlyList<SchemaTarget> Targets,
    IReadOnlyList<SchemaInput> Inputs,
    IReadOnlyList<string> Optional,
    string Label,
    IReadOnlyList<string> Payloads)
{
    public static ServingSchema Of(LiveDeployment live)
    {
        var version = live.Targets[0].Version;
        return new ServingSchema(
            live.Name,
            [.. live.Targets.Select(t => new SchemaTarget(t.Version.Label, t.Weight, t.Threshold))],
            [.. version.Inputs.Features.Select(c => SchemaInput.Of(c, version.Signature.Profile(c.Name)))],
            [.. version.Inputs.Columns.Where(c => c.Role != ColumnRole.Feature).Select(c => c.Name)],
            version.Signature.LabelColumn,
            ["dataframe_split", "dataframe_records", "instances", "inputs", "text/csv"]);
    }
}

/// <summary>A served version, its share of traffic and the decision threshold saved on it (null: serving's default).</summary>
public sealed record SchemaTarget(string ModelVersion, int Weight, double? Threshold = null);

/// <summary>
/// One input column. <see cref="Levels"/>: the text values seen in training, most frequent first; null for numbers, for
/// free text (more distinct values than a list can usefully offer) and for models trained before levels were recorded.
/// <see cref="Min"/>, <see cref="Max"/>, <see cref="Median"/>: the training range of a number. All are hints: any value
/// of the column's type scores, an unseen level included.
/// </summary>
public sealed record SchemaInput(
    string Name,
    string Type,
    bool Required,
    IReadOnlyList<string>? Levels,
    bool FreeText,
    double? Min,
    double? Max,
    double? Median)
{
    public static SchemaInput Of(DatasetColumn column, Ml.Artifacts.InputProfile? profile) =>
        new(column.Name, column.Type.ToString().ToLowerInvariant(), !column.Nullable,
            profile?.Levels, profile?.FreeText ?? false, profile?.Min, profile?.Max, profile?.Median);
}
