using System.Globalization;
using Telco.InsightPortal.Data.Deployments;

namespace Telco.InsightPortal.Web.Deployments.Pages;

/// <summary>How deployment values read on the pages.</summary>
public static class DeploymentView
{
    public static string Link(string name) => "/deployments/" + Uri.EscapeDataString(name);

    /// <summary>The registry page of the model version a prediction names ("churn/3"), opened at that version.</summary>
    public static string VersionLink(string modelVersion)
    {
        var slash = modelVersion.LastIndexOf('/');
        return slash <= 0 ? "/models"
            : $"/models/{Uri.EscapeDataString(modelVersion[..slash])}?version={Uri.EscapeDataString(modelVersion[(slash + 1)..])}";
    }

    public static string Targets(IReadOnlyList<DeploymentTarget> targets) =>
        string.Join(" · ", targets.Select(t => targets.Count == 1 ? $"{t.Model} v{t.Version}" : $"{t.Model} v{t.Version} ({t.Weight}%)"));

    public static string Split(IReadOnlyList<DeploymentTarget> targets) => string.Join(" / ", targets.Select(t => t.Weight + "%"));

    public static string Ms(double? ms) => ms is { } v ? v.ToString(v < 10 ? "0.00" : "0.0", CultureInfo.InvariantCulture) + " ms" : "—";

    public static string Percent(double rate) => rate.ToString("0.##%", CultureInfo.InvariantCulture);

    public static string Time(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>What the store says first when the deployment is stopped (a replica catches up within a poll);
    /// otherwise what serving in this process says.</summary>
    public static string Status(DeploymentOverview o) =>
        o.Deployment.Status == DeploymentStatus.Stopped ? DeploymentStatus.Stopped
        : o.Problem is not null ? "failing"
        : o.Loaded ? o.Deployment.Status : "loading";
}
