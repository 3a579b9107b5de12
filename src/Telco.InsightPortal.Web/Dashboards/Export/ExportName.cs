using System.Text;
using Telco.InsightPortal.Core.Dashboards;

namespace Telco.InsightPortal.Web.Dashboards.Export;

/// <summary>A download's file name from the chart's title: lower-case letters, digits and dashes only (a title is user
/// text; a file name must not carry path separators or quotes), "chart" when nothing is left.</summary>
public static class ExportName
{
    public const int MaxLength = 60;

    public static string For(ChartSpec spec, string extension)
    {
        var slug = new StringBuilder();
        foreach (var c in (spec.Title ?? "").ToLowerInvariant())
        {
            if (slug.Length >= MaxLength) break;
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9') slug.Append(c);
            else if (slug.Length > 0 && slug[^1] != '-') slug.Append('-');
        }
        var name = slug.ToString().Trim('-');
        return (name.Length == 0 ? "chart" : name) + "." + extension;
    }
}
