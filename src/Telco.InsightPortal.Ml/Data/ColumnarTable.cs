using System.Globalization;
using Telco.InsightPortal.Core.Data;

namespace Telco.InsightPortal.Ml.Data;

/// <summary>
/// The rows of one run, held by column: numbers as floats (NaN when missing) and text as codes into a
/// per-column vocabulary, so a million rows of the IBM schema take well under 100 MB. Timestamps are not kept:
/// they are never features.
/// </summary>
internal sealed class ColumnarTable
{
    public const string MissingText = "(blank)";

    private readonly float[]?[] _numbers;
    private readonly int[]?[] _codes;
    private readonly List<string>?[] _vocabularies;

    private ColumnarTable(DatasetSchema schema, int[] sourceRows, float[]?[] numbers, int[]?[] codes, List<string>?[] vocabularies, bool[]? labels, LabelMapping? mapping)
    {
        Schema = schema;
        SourceRows = sourceRows;
        _numbers = numbers;
        _codes = codes;
        _vocabularies = vocabularies;
        Labels = labels;
        Mapping = mapping;
    }

    public DatasetSchema Schema { get; }
    public int RowCount => SourceRows.Length;
    /// <summary>For each kept row, its 0-based position in the input (rows without a label are skipped).</summary>
    public int[] SourceRows { get; }
    public bool[]? Labels { get; }
    public LabelMapping? Mapping { get; }
    public int SkippedUnlabelled { get; private init; }

    public static bool IsNumeric(DatasetColumn c) => c.Type is ColumnType.Integer or ColumnType.Real;

    public float Number(int ordinal, int row) => _numbers[ordinal]![row];

    public string Text(int ordinal, int row) => _vocabularies[ordinal]![_codes[ordinal]![row]];

    /// <summary>False for the label (held in <see cref="Labels"/>) and timestamps.</summary>
    public bool Holds(int ordinal) => _numbers[ordinal] is not null || _codes[ordinal] is not null;

    public int DistinctCount(int ordinal) => _vocabularies[ordinal]?.Count ?? 0;

    /// <summary>How often each value of a text column occurs in <paramref name="rows"/>, counted by code rather than by
    /// string so a million rows cost one array pass; values absent from those rows are left out.</summary>
    public IEnumerable<(string Value, int Count)> ValueCounts(int ordinal, int[] rows)
    {
        var codes = _codes[ordinal]!;
        var counts = new int[_vocabularies[ordinal]!.Count];
        foreach (var r in rows) counts[codes[r]]++;
        return counts.Select((count, code) => (_vocabularies[ordinal]![code], count)).Where(x => x.count > 0);
    }

    /// <summary>Reads the rows; with a label column, rows whose label is blank are skipped and the label is mapped to bool.</summary>
    public static ColumnarTable Load(DatasetSchema schema, IEnumerable<object?[]> rows, DatasetColumn? label, string? positiveLabel, CancellationToken ct)
    {
        var n = schema.Columns.Count;
        var numbers = new List<float>?[n];
        var codes = new List<int>?[n];
        var lookups = new Dictionary<string, int>?[n];
        var vocabularies = new List<string>?[n];
        foreach (var c in schema.Columns)
        {
            if (label is not null && c.Ordinal == label.Ordinal || c.Type == ColumnType.Timestamp) continue;
            // Ids stay text even when numeric: a float cannot hold a 12-digit customer number exactly.
            if (IsNumeric(c) && c.Role != ColumnRole.Id) numbers[c.Ordinal] = [];
            else
            {
                codes[c.Ordinal] = [];
                lookups[c.Ordinal] = new Dictionary<string, int>(StringComparer.Ordinal);
                vocabularies[c.Ordinal] = [];
            }
        }
        var labelCodes = new List<int>();
        var labelLookup = new Dictionary<string, int>(StringComparer.Ordinal);
        var labelValues = new List<string>();
        var skipped = 0;
        var count = 0;
        var sourceRows = new List<int>();
        foreach (var row in rows)
        {
            if ((count & 0xFFF) == 0) ct.ThrowIfCancellationRequested();
            if (row.Length != n)
                throw new TrainingException($"Row {count + skipped + 1} has {row.Length} values; the schema has {n} columns.");
            if (label is not null)
            {
                var text = AsText(row[label.Ordinal]);
                if (text is null) { skipped++; continue; }
                labelCodes.Add(Code(text, labelLookup, labelValues));
            }
            foreach (var c in schema.Columns)
            {
                if (numbers[c.Ordinal] is { } numberList) numberList.Add(AsNumber(row[c.Ordinal], c, count + skipped + 1));
                else if (codes[c.Ordinal] is { } codeList)
                    codeList.Add(Code(AsText(row[c.Ordinal]) ?? MissingText, lookups[c.Ordinal]!, vocabularies[c.Ordinal]!));
            }
            sourceRows.Add(count + skipped);
            count++;
        }

        bool[]? labels = null;
        LabelMapping? mapping = null;
        if (label is not null)
        {
            mapping = LabelMapping.Create(label.Name, labelValues, positiveLabel);
            var positiveCode = labelValues.IndexOf(mapping.Positive);
            labels = labelCodes.Select(code => code == positiveCode).ToArray();
        }
        return new ColumnarTable(schema, [.. sourceRows], numbers.Select(l => l?.ToArray()).ToArray(), codes.Select(l => l?.ToArray()).ToArray(),
            vocabularies, labels, mapping) { SkippedUnlabelled = skipped };
    }

    private static int Code(string text, Dictionary<string, int> lookup, List<string> vocabulary)
    {
        if (lookup.TryGetValue(text, out var code)) return code;
        code = vocabulary.Count;
        vocabulary.Add(text);
        lookup.Add(text, code);
        return code;
    }

    internal static string? AsText(object? value) => value switch
    {
        null => null,
        string s => string.IsNullOrWhiteSpace(s) ? null : s.Trim(),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    internal static float AsNumber(object? value, DatasetColumn column, int row) => value switch
    {
        null => float.NaN,
        long l => l,
        int i => i,
        double d => (float)d,
        float f => f,
        decimal m => (float)m,
        string s when string.IsNullOrWhiteSpace(s) => float.NaN,
        string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => (float)d,
        _ => throw new TrainingException($"Row {row}, column '{column.Name}': expected a number, got {value.GetType().Name} '{value}'."),
    };
}
