using Telco.InsightPortal.Core.Data;
using Telco.InsightPortal.Data.Datasets;
using Telco.InsightPortal.Data.Deployments;

namespace Telco.InsightPortal.Web.Apps;

/// <summary>What an app's rows come from: its deployment, the version with the largest share (whose model's SHA-256
/// keys the score cache) and the dataset that version was trained on.</summary>
public sealed record AppRowSource(string Deployment, DeploymentTarget Version, Dataset Dataset)
{
    /// <summary>"model/version", as serving names the version that answered.</summary>
    public string VersionLabel => $"{Version.Model}/{Version.Version}";

    /// <summary>A row as serving takes it: every column by name (serving ignores the label and sets ids apart).</summary>
    public IReadOnlyDictionary<string, object?> Record(object?[] values)
    {
        var record = new Dictionary<string, object?>(values.Length, StringComparer.Ordinal);
        foreach (var column in Dataset.Schema.Columns) record[column.Name] = values[column.Ordinal];
        return record;
    }
}
