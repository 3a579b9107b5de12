using System.Text.Json;
using Telco.InsightPortal.Core.Dashboards;
using Telco.InsightPortal.Data.Dashboards;

namespace Telco.InsightPortal.Web.Dashboards.Api;

public sealed record DashboardListItem(long Id, string Name, string Owner, long Version, DateTimeOffset UpdatedAt, string UpdatedBy, string Access)
{
    public static DashboardListItem Of(DashboardSummary s) => new(s.Record.Id, s.Record.Name, s.Record.Owner, s.Record.Version,
        DateTimeOffset.FromUnixTimeMilliseconds(s.Record.UpdatedAt), s.Record.UpdatedBy, DashboardResponse.Word(s.Access));
}

/// <summary>A dashboard as the API answers it; each chart's <c>spec</c> is accepted as is by <c>POST /api/v1/charts/query</c>.
/// Shares are listed only to those who manage them.</summary>
public sealed record DashboardResponse(long Id, string Name, string Owner, long Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    string UpdatedBy, string Access, IReadOnlyList<ChartTileItem> Charts, IReadOnlyList<TextTileItem> Texts, IReadOnlyList<FilterItem> Filters,
    IReadOnlyList<ShareItem>? Shares)
{
    public static DashboardResponse Of(DashboardView v) => new(v.Record.Id, v.Record.Name, v.Record.Owner, v.Record.Version,
        DateTimeOffset.FromUnixTimeMilliseconds(v.Record.CreatedAt), DateTimeOffset.FromUnixTimeMilliseconds(v.Record.UpdatedAt), v.Record.UpdatedBy,
        Word(v.Access),
        v.Document.Charts.Select(c => new ChartTileItem(c.Id, c.Title, JsonDocument.Parse(c.Spec).RootElement.Clone(), c.Layout)).ToList(),
        v.Document.Texts.Select(t => new TextTileItem(t.Id, t.Markdown, t.Layout)).ToList(),
        v.Document.Filters.Select(f => new FilterItem(f.Field, f.Values)).ToList(),
        v.CanManage ? v.Shares.Select(ShareItem.Of).ToList() : null);

    public static string Word(DashboardAccess access) => access.ToString().ToLowerInvariant();
}

public sealed record ChartTileItem(string Id, string Title, JsonElement Spec, TileLayout Layout);

public sealed record TextTileItem(string Id, string Markdown, TileLayout Layout);

public sealed record FilterItem(string Field, IReadOnlyList<object> Values);

public sealed record ShareItem(string? Role, string? User, string Access)
{
    public static ShareItem Of(DashboardShare s) => s.Kind == DashboardShare.Role
        ? new(s.Principal, null, DashboardStore.AccessWord(s.Access))
        : new(null, s.Principal, DashboardStore.AccessWord(s.Access));
}

public sealed record DashboardVersionItem(long Version, string Name, string SavedBy, DateTimeOffset SavedAt, string? Note)
{
    public static DashboardVersionItem Of(DashboardVersionRecord v) =>
        new(v.Version, v.Name, v.SavedBy, DateTimeOffset.FromUnixTimeMilliseconds(v.SavedAt), v.Note);
}
