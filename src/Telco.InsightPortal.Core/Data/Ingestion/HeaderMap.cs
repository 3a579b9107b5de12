namespace Telco.InsightPortal.Core.Data.Ingestion;

/// <summary>Maps the columns of an uploaded file onto a dataset schema by name, so that a file may list
/// the columns in any order but must list each exactly once.</summary>
public sealed class HeaderMap
{
    private HeaderMap(int[] schemaToFile) => SchemaToFile = schemaToFile;

    /// <summary>For each schema ordinal, the index of its field in a file record.</summary>
    public int[] SchemaToFile { get; }

    public int FileColumnCount => SchemaToFile.Length;

    public static HeaderMap Create(IReadOnlyList<string> header, DatasetSchema schema)
    {
        CheckHeader(header, schema.Columns.Count);
        var problems = new List<string>();
        var map = Enumerable.Repeat(-1, schema.Columns.Count).ToArray();
        for (var i = 0; i < header.Count; i++)
        {
            var column = schema.Find(header[i].Trim());
            if (column is null) problems.Add($"unknown column '{Shorten(header[i])}'");
            else map[column.Ordinal] = i;
        }
        var missing = schema.Columns.Where(c => map[c.Ordinal] < 0).Select(c => $"'{c.Name}'").ToList();
        if (missing.Count > 0) problems.Insert(0, $"missing column{(missing.Count > 1 ? "s" : "")} {string.Join(", ", missing)}");
        if (problems.Count > 0)
            throw new CsvFormatException($"The header does not match the dataset's schema: {string.Join("; ", problems)}.", 1);
        return new HeaderMap(map);
    }

    /// <summary>Checks what every header must satisfy, with or without a schema.</summary>
    public static void CheckHeader(IReadOnlyList<string> header, int expectedColumns)
    {
        if (header.Count == 1 && expectedColumns != 1 && header[0].Contains(';'))
            throw new CsvFormatException("The file seems to use ';' as its delimiter; only ',' is supported (RFC 4180).", 1);
        var duplicates = header.Select(h => h.Trim()).GroupBy(h => h, StringComparer.OrdinalIgnoreCase)
            .Where(g => g.Count() > 1).Select(g => $"'{Shorten(g.Key)}'").ToList();
        if (duplicates.Count > 0)
            throw new CsvFormatException(
                $"The header has more than one column named {string.Join(", ", duplicates)}; each column name must appear once (ignoring case).", 1);
        var blank = header.Select((h, i) => (h, i)).FirstOrDefault(x => string.IsNullOrWhiteSpace(x.h));
        if (blank.h is not null)
            throw new CsvFormatException($"Header column {blank.i + 1} has no name.", 1);
    }

    internal static string Shorten(string s) => s.Length <= 60 ? s : string.Concat(s.AsSpan(0, 57), "...");
}
