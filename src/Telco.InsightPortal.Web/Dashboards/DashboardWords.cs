using System.Globalization;
using Telco.InsightPortal.Core.Dashboards;

namespace Telco.InsightPortal.Web.Dashboards;

/// <summary>How dashboard pages word times, access and filter values.</summary>
public static class DashboardWords
{
    public static string When(long unixMs) =>
        DateTimeOffset.FromUnixTimeMilliseconds(unixMs).ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    public static string Access(DashboardAccess access) => access switch
    {
        DashboardAccess.Owner => "Owner",
        DashboardAccess.Editor => "Can edit",
        _ => "Read only",
    };

    public static string Value(object? value) => value switch
    {
        null => "(empty)",
        double d => d.ToString("0.####", CultureInfo.InvariantCulture),
        DateTimeOffset t => t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}
