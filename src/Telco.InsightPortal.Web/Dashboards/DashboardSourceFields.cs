using Telco.InsightPortal.Core.Dashboards;
using Telco.InsightPortal.Data.Datasets;

namespace Telco.InsightPortal.Web.Dashboards;

/// <summary>The field names a chart's source has, so that a dashboard filter is added only to the charts it applies
/// to. An unknown or deleted source has none (its chart then reports the missing source itself).</summary>
public sealed class DashboardSourceFields(DatasetStore datasets)
{
    public async Task<IReadOnlySet<string>> FieldsAsync(ChartSource source, CancellationToken ct)
    {
        var dataset = await datasets.GetAsync(source.Dataset, ct);
        return dataset is null ? new HashSet<string>() : dataset.Schema.Columns.Select(c => c.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
    }
}
