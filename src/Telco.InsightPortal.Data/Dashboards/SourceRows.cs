using System.Globalization;
using Telco.InsightPortal.Core.Dashboards;
using Telco.InsightPortal.Core.Data;
using Telco.InsightPortal.Data.Datasets;
using Telco.InsightPortal.Data.Store;

namespace Telco.InsightPortal.Data.Dashboards;

/// <summary>
/// A prediction-log or runs source, resolved: the fields it offers as a schema (ordinals its own, for the validator),
/// and the subquery a chart reads, which selects only the fields that chart uses, each as <c>c{ordinal}</c>.
/// </summary>
internal abstract class SourceRows(DatasetSchema schema)
{
    public DatasetSchema Schema => schema;

    public ChartFrom From(BoundChart chart, StoreProvider provider)
    {
        var parameters = new List<(string Name, object Value)>();
        var selects = chart.Fields.Select(f => Select(f, provider, parameters) + " AS " + RowTable.ColumnName(f.Ordinal)).ToList();
        var (table, rows, order, rowOrder) = Rows(chart.Fields, parameters);
        var text = "(SELECT " + string.Join(", ", selects.Append(order)) + " FROM " + table + " WHERE " + rows + ") s";
        return new ChartFrom(text, null, rowOrder, parameters);
    }

    /// <summary>The expression of one field, its parameters added to <paramref name="parameters"/>.</summary>
    protected abstract string Select(DatasetColumn field, StoreProvider provider, List<(string Name, object Value)> parameters);

    /// <summary>The tables (with the joins <paramref name="fields"/> need), the condition that picks the source's rows,
    /// the select items that order them, and the order by their aliases.</summary>
    protected abstract (string Table, string Rows, string Order, string RowOrder) Rows(IReadOnlyList<DatasetColumn> fields,
        List<(string Name, object Value)> parameters);

    protected static string Millis(string column, StoreProvider provider) =>
        string.Format(CultureInfo.InvariantCulture, ChartSourceSql.Millis(provider), column);

    protected static string Parameter(List<(string Name, object Value)> parameters, string name, object value)
    {
        parameters.Add((name, value));
        return name;
    }

    protected static string Number(long i) => i.ToString(CultureInfo.InvariantCulture);
}
