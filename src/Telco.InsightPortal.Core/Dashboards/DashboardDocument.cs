namespace Telco.InsightPortal.Core.Dashboards;

/// <summary>
/// What a dashboard holds besides its name: chart tiles (each a chart spec as canonical JSON, accepted as is by the
/// query endpoint), Markdown text tiles, and the dashboard filters that apply to every chart whose source has the
/// field. Read with <see cref="DashboardDocumentParser"/>, which bounds every part; written by
/// <see cref="DashboardDocumentWriter"/>.
/// </summary>
public sealed record DashboardDocument(
    IReadOnlyList<ChartTile> Charts,
    IReadOnlyList<TextTile> Texts,
    IReadOnlyList<DashboardFilter> Filters)
{
    public static readonly DashboardDocument Empty = new([], [], []);
}

/// <summary>A chart tile. <see cref="Spec"/> is the canonical JSON of a parsed <see cref="ChartSpec"/>.</summary>
public sealed record ChartTile(string Id, string Title, string Spec, TileLayout Layout);

public sealed record TextTile(string Id, string Markdown, TileLayout Layout);

/// <summary>A tile's place on a 12-column grid, in grid cells.</summary>
public sealed record TileLayout(int X, int Y, int W, int H)
{
    public const int Columns = 12;
}

/// <summary>A dashboard-wide (or cross-filter) restriction: the field takes one of <see cref="Values"/> (strings,
/// longs or doubles as the JSON held them).</summary>
public sealed record DashboardFilter(string Field, IReadOnlyList<object> Values);
