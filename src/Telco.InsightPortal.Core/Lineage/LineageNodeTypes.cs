namespace Telco.InsightPortal.Core.Lineage;

/// <summary>
/// The kinds of node in the lineage graph, as the API spells them. A node is (type, id); ids are strings so that every
/// kind keeps the key the rest of the portal already uses for it (see <see cref="LineageIds"/>).
/// </summary>
public static class LineageNodeTypes
{
    public const string SourceFile = "source-file";
    public const string Dataset = "dataset";
    public const string Snapshot = "snapshot";
    public const string Run = "run";
    public const string ModelVersion = "model-version";
    public const string Deployment = "deployment";
    public const string App = "app";
    public const string Dashboard = "dashboard";
    public const string Chart = "chart";
    public const string JobRun = "job-run";
    public const string Prediction = "prediction";
    public const string Person = "person";

    public static readonly IReadOnlyList<string> All =
        [SourceFile, Dataset, Snapshot, Run, ModelVersion, Deployment, App, Dashboard, Chart, JobRun, Prediction, Person];

    public static bool IsKnown(string? type) => type is not null && All.Contains(type, StringComparer.Ordinal);
}
