namespace Telco.InsightPortal.Web.Datasets.Pages;

public static class DatasetLinks
{
    public static string Page(string name) => "/data/" + Uri.EscapeDataString(name);

    public static string Snapshot(string name, long snapshotId) => Page(name) + "?snapshot=" + snapshotId;
}
