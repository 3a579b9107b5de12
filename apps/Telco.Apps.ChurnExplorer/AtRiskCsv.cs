using System.Globalization;

namespace Telco.Apps.ChurnExplorer;

/// <summary>
/// Writes rows as CSV (RFC 4180: CRLF line ends, fields with a comma, quote or line break quoted, quotes doubled) that
/// is safe to open in a spreadsheet: text starting with = + - @, a tab or a carriage return would run as a formula, so
/// it gets a leading apostrophe. Numbers given as numbers are written as they are, culture-invariant.
/// </summary>
public static class AtRiskCsv
{
    public static void Write(TextWriter writer, IReadOnlyList<string> columns, IEnumerable<IReadOnlyDictionary<string, object?>> rows)
    {
        WriteLine(writer, columns.Select(Text));
        foreach (var row in rows)
            WriteLine(writer, columns.Select(c => Field(row.GetValueOrDefault(c))));
    }

    private static void WriteLine(TextWriter writer, IEnumerable<string> fields)
    {
        writer.Write(string.Join(',', fields));
        writer.Write("\r\n");
    }

    private static string Field(object? value) => value switch
    {
        null => "",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        decimal or int or long or short or byte => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        bool b => b ? "true" : "false",
        DateTimeOffset t => t.ToString("O", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("O", CultureInfo.InvariantCulture),
        _ => Text(Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""),
    };

    private static string Text(string text)
    {
        if (text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r') text = "'" + text;
        return text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"") + "\"" : text;
    }
}
