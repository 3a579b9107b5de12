using System.Globalization;
using System.Text;
using Telco.InsightPortal.Data.Dashboards;
using Telco.InsightPortal.Web.Audit;

namespace Telco.InsightPortal.Web.Dashboards.Export;

/// <summary>
/// A chart's rows as RFC 4180 CSV with a header of column names. Text cells go through <see cref="AuditCsv.Cell"/>,
/// the portal's one formula-safe quoting (a cell starting with = + - @ tab or CR gets a leading apostrophe), so column
/// names and category values typed by users cannot run in a spreadsheet. Numbers are written as numbers, invariant and
/// round-trippable, so a negative value is not mistaken for a formula; timestamps as ISO 8601 UTC.
/// </summary>
public static class ChartCsv
{
    public static string Write(ChartResult result)
    {
        var text = new StringBuilder();
        text.AppendJoin(',', result.Columns.Select(c => AuditCsv.Cell(c.Name))).Append("\r\n");
        foreach (var row in result.Rows) text.AppendJoin(',', row.Select(Cell)).Append("\r\n");
        return text.ToString();
    }

    public static byte[] Utf8(ChartResult result) => new UTF8Encoding(false).GetBytes(Write(result));

    private static string Cell(object? value) => value switch
    {
        null => "",
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        DateTimeOffset t => t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        _ => AuditCsv.Cell(Convert.ToString(value, CultureInfo.InvariantCulture)),
    };
}
