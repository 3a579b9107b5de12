using Telco.InsightPortal.Core.Dashboards;
using Telco.InsightPortal.Core.Errors;
using Telco.InsightPortal.Data.Dashboards;

namespace Telco.InsightPortal.Web.Dashboards;

/// <summary>The field names a chart's source has, so that a dashboard filter is added only to the charts it applies
/// to. An unknown or deleted source has none (its chart then reports the missing source itself).</summary>
public sealed class DashboardSourceFields(ChartQueryService charts)
{
    public async Task<IReadOnlySet<string>> FieldsAsync(ChartSource source, CancellationToken ct)
    {
        try
        {
            // Personal-data fields are listed too: whether a filter may use one is the query's decision, per caller.
            return (await charts.FieldsAsync(source, canSeePii: true, ct)).Select(f => f.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        }
        catch (PortalException e) when (e.Kind == ErrorKind.NotFound)
        {
            return new HashSet<string>();
        }
    }
}
