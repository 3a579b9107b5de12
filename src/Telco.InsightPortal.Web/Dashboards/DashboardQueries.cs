using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Telco.InsightPortal.Core.Dashboards;
using Telco.InsightPortal.Core.Errors;
using Telco.InsightPortal.Data.Dashboards;
using Telco.InsightPortal.Web.Security;

namespace Telco.InsightPortal.Web.Dashboards;

/// <summary>What a tile shows: the spec it ran (with the filters that applied), and its rows or why there are none.</summary>
public sealed record TileAnswer(ChartSpec? Spec, ChartResult? Result, string? Error);

/// <summary>
/// Runs a dashboard's charts for one user: each chart's spec with the dashboard filters and cross-filters its source
/// has fields for, personal-data fields only for those allowed to see them. A chart whose source was deleted, or whose
/// spec no longer fits its source, answers its own error so the rest of the dashboard still shows.
/// </summary>
public sealed class DashboardQueries(ChartQueryService charts, DashboardSourceFields fields, IAuthorizationService authorization)
{
    public async Task<bool> CanSeePiiAsync(ClaimsPrincipal user) =>
        (await authorization.AuthorizeAsync(user, null, Policies.PersonalDataRead)).Succeeded;

    /// <summary>Runs a chart with dashboard filters and cross-filter pieces (in or range filters) added where they apply.</summary>
    public async Task<TileAnswer> RunAsync(ChartSpec spec, IReadOnlyList<ChartFilter> filters, bool canSeePii, CancellationToken ct = default)
    {
        try
        {
            if (filters.Count > 0) spec = DashboardFilters.Apply(spec, await fields.FieldsAsync(spec.Source, ct), filters);
            return new TileAnswer(spec, await charts.RunAsync(spec, canSeePii, ct), null);
        }
        catch (PortalException e) when (e.Kind == ErrorKind.NotFound)
        {
            return new TileAnswer(spec, null, "This chart lost its source: " + e.Message);
        }
        catch (PortalException e)
        {
            return new TileAnswer(spec, null, e.Message);
        }
    }

    /// <summary>The rows behind a mark: the chart's source and filters, narrowed to the mark, as a table.</summary>
    public static ChartSpec DrillSpec(ChartSpec spec, IEnumerable<ChartFilter> mark) =>
        spec with
        {
            Type = ChartType.Table, X = null, Measures = [], Group = null, Sort = null, Limit = 200, Title = "Rows behind " + (spec.Title ?? "the chart"),
            Filters = [.. spec.Filters, .. mark],
        };
}
