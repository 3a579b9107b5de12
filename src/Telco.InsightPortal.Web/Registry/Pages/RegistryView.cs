using System.Globalization;
using MudBlazor;
using Telco.InsightPortal.Data.Registry;

namespace Telco.InsightPortal.Web.Registry.Pages;

/// <summary>How the registry reads on pages: links, stage colours, numbers.</summary>
public static class RegistryView
{
    public static string ModelLink(string name) => "/models/" + Uri.EscapeDataString(name);

    public static Color StageColor(string stage) => stage switch
    {
        ModelStages.Production => Color.Success,
        ModelStages.Staging => Color.Info,
        ModelStages.Archived => Color.Dark,
        _ => Color.Default,
    };

    public static string Number(double? value) => value is { } v && !double.IsNaN(v) ? v.ToString("0.0000", CultureInfo.InvariantCulture) : "—";

    public static string Version(long version) => "v" + version.ToString(CultureInfo.InvariantCulture);

    public static long? LatestVersion(RegisteredModel model) => model.LatestVersions.Count == 0 ? null : model.LatestVersions.Max(v => v.Version);
}
