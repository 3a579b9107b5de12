using System.Buffers;
using System.Globalization;
using System.Text;
using Telco.InsightPortal.Core.Audit;
using Telco.InsightPortal.Data.Audit;

namespace Telco.InsightPortal.Web.Audit;

/// <summary>
/// The audit export as RFC 4180 CSV (CRLF, fields with a comma, quote, CR or LF quoted, quotes doubled),
/// safe to open in a spreadsheet: a cell starting with = + - @ tab or CR would run as a formula there, so
/// it is prefixed with a single quote. Audit fields carry user-supplied text (user agents, dataset names).
/// </summary>
public static class AuditCsv
{
    public const string Header = "seq,at,actor,source_ip,user_agent,action,target_type,target_id,outcome,details,correlation_id,prev_hash,hash";

    private static readonly SearchValues<char> FormulaStart = SearchValues.Create("=+-@\t\r");
    private static readonly SearchValues<char> NeedsQuotes = SearchValues.Create(",\"\r\n");

    public static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        if (FormulaStart.Contains(value[0])) value = "'" + value;
        return value.AsSpan().ContainsAny(NeedsQuotes) ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }

    public static string Line(AuditEntry e)
    {
        string?[] cells =
        [
            e.Seq.ToString(CultureInfo.InvariantCulture), e.At.ToString("O", CultureInfo.InvariantCulture), e.Actor, e.SourceIp,
            e.UserAgent, e.Action, e.TargetType, e.TargetId, e.Outcome, e.Details, e.CorrelationId, e.PrevHash, e.Hash,
        ];
        return string.Join(',', cells.Select(Cell));
    }

    /// <summary>Writes the header and one line per entry as they stream in, flushing as it goes.</summary>
    public static async Task<long> WriteAsync(IAsyncEnumerable<AuditEntry> entries, Stream output, CancellationToken ct)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(false), 64 * 1024, leaveOpen: true) { NewLine = "\r\n" };
        await writer.WriteLineAsync(Header);
        var count = 0L;
        await foreach (var entry in entries.WithCancellation(ct))
        {
            await writer.WriteLineAsync(Line(entry));
            count++;
        }
        await writer.FlushAsync(ct);
        return count;
    }
}
