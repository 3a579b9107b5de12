using System.Globalization;

namespace Telco.InsightPortal.Core.Lineage;

/// <summary>
/// How each node type is named. Ids are the portal's own keys, so an id found anywhere in the portal can be looked up:
/// <list type="bullet">
/// <item>source-file: the file's SHA-256 (lowercase hex) when the portal read it; for snapshots committed before
/// lineage was recorded, whose bytes are gone, <c>snapshot-{id}</c></item>
/// <item>dataset: the dataset's name; snapshot: its number (snapshot numbers are global); run: the MLflow run id</item>
/// <item>model-version: <c>{registered model name}/{version}</c>, the key MLflow, deployment targets and the prediction
/// log use (renaming a model renames its versions' edges)</item>
/// <item>deployment: its name; app: its app id; dashboard: its number; chart: <c>{dashboard}/{tile id}</c></item>
/// <item>job-run: its number; prediction: its UUID (as logged); person: the user name</item>
/// </list>
/// In the API an edge's ends are written <c>{type}/{id}</c>: the type never holds a slash, so the first slash splits.
/// </summary>
public static class LineageIds
{
    public static string Key(string type, string id) => type + "/" + id;

    public static string ModelVersion(string model, long version) => model + "/" + version.ToString(CultureInfo.InvariantCulture);

    public static string ModelVersion(string model, string version) => model + "/" + version;

    public static string Number(long id) => id.ToString(CultureInfo.InvariantCulture);

    public static string LegacySourceFile(long snapshotId) => "snapshot-" + Number(snapshotId);

    public static string Chart(long dashboardId, string tileId) => Number(dashboardId) + "/" + tileId;
}
