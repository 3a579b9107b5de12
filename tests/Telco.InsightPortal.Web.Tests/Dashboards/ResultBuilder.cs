using Telco.InsightPortal.Core.Dashboards;
using Telco.InsightPortal.Core.Data;
using Telco.InsightPortal.Data.Dashboards;

namespace Telco.InsightPortal.Web.Tests.Dashboards;

/// <summary>Chart answers as the query service shapes them: columns with roles, then rows.</summary>
internal sealed class ResultBuilder
{
    private readonly List<ChartColumn> _columns = [];
    private readonly List<object?[]> _rows = [];
    private bool _truncated;

    public ResultBuilder X(string name, ColumnType type = ColumnType.Text) => Column(name, ChartColumn.X, type);

    public ResultBuilder Group(string name, ColumnType type = ColumnType.Text) => Column(name, ChartColumn.Group, type);

    public ResultBuilder Measure(string name, ColumnType type = ColumnType.Integer) => Column(name, ChartColumn.Measure, type);

    public ResultBuilder Previous(string name, ColumnType type = ColumnType.Integer) => Column(name, "previous", type);

    public ResultBuilder Field(string name, ColumnType type = ColumnType.Text) => Column(name, ChartColumn.Field, type);

    public ResultBuilder Row(params object?[] values)
    {
        _rows.Add(values);
        return this;
    }

    public ResultBuilder Truncated()
    {
        _truncated = true;
        return this;
    }

    public ChartResult Build() => new(7, _columns, _rows, _truncated);

    private ResultBuilder Column(string name, string role, ColumnType type)
    {
        _columns.Add(new ChartColumn(name, role, type));
        return this;
    }
}

internal static class Specs
{
    public static ChartSpec Of(ChartType type, string? x = "Contract", string? group = null, string? title = null,
        double? binWidth = null, params ChartMeasure[] measures) =>
        new(new ChartSource("telco-churn", null), type, x is null ? null : new ChartX(x, binWidth is { } w ? new ChartBin(w, null) : null),
            measures, group, [], null, null, title);
}
