using System.Globalization;
using System.Text;
using Telco.InsightPortal.Core.Lineage;
using Telco.InsightPortal.Web.Audit;

namespace Telco.InsightPortal.Web.Lineage;

/// <summary>
/// An impact report as CSV, one row per affected object (type, id, label, distance, via, kind, predictions). Labels and
/// ids carry user text (dataset, run and dashboard names), so every cell goes through the audit export's
/// <see cref="AuditCsv.Cell"/>: RFC 4180 quoting and a quote before a leading = + - @ tab or CR.
/// </summary>
public static class ImpactCsv
{
    public const string Header = "type,id,label,distance,via,kind,predictions";

    public static string Write(ImpactReport report)
    {
        var csv = new StringBuilder(Header).Append("\r\n");
        foreach (var i in report.Items)
        {
            string?[] cells =
            [
                i.Type, i.Id, i.Label, i.Distance.ToString(CultureInfo.InvariantCulture), i.Via, i.Kind,
                i.Predictions?.ToString(CultureInfo.InvariantCulture),
            ];
            csv.AppendJoin(',', cells.Select(AuditCsv.Cell)).Append("\r\n");
        }
        return csv.ToString();
    }

    public static string FileName(long snapshotId) => $"impact-snapshot-{snapshotId.ToString(CultureInfo.InvariantCulture)}.csv";
}
