using System.Globalization;
using Telco.InsightPortal.Core.Data;
using Telco.InsightPortal.Ml.Artifacts;

namespace Telco.InsightPortal.Serving.Scoring;

/// <summary>
/// The columns a model version accepts, from its signature: every feature column is required (null allowed where the
/// column is nullable); the id columns may be sent and are passed through beside the rows (<see cref="RowIds"/>), never
/// to the model; the label and timestamp columns may be sent and are ignored. Values are checked against the column
/// type here, so nothing the model cannot take reaches it.
/// </summary>
public sealed class InputSchema
{
    private readonly Dictionary<string, DatasetColumn> _byName;
    private readonly Dictionary<string, DatasetColumn> _byNameIgnoreCase;

    public InputSchema(ModelSignature signature)
    {
        Columns = signature.Schema.Columns;
        Features = [.. signature.Inputs];
        Ids = [.. Columns.Where(c => c.Role == ColumnRole.Id)];
        _byName = Columns.ToDictionary(c => c.Name, StringComparer.Ordinal);
        _byNameIgnoreCase = new Dictionary<string, DatasetColumn>(StringComparer.OrdinalIgnoreCase);
        foreach (var c in Columns) _byNameIgnoreCase.TryAdd(c.Name, c);
    }

    public IReadOnlyList<DatasetColumn> Columns { get; }
    public IReadOnlyList<DatasetColumn> Features { get; }
    /// <summary>The id columns (customerID): echoed and logged with each row's prediction, never scored.</summary>
    public IReadOnlyList<DatasetColumn> Ids { get; }
    public int Width => Columns.Count;

    /// <summary>The schema columns behind a request's column names, in request order: features and ids (which the readers
    /// set apart, see <see cref="IsId"/>); null for columns that are accepted and ignored. Unknown, duplicate and missing columns are refused, with the closest name suggested.</summary>
    public DatasetColumn?[] Bind(IReadOnlyList<string> names)
    {
        var bound = new DatasetColumn?[names.Count];
        var seen = new HashSet<int>();
        for (var i = 0; i < names.Count; i++)
        {
            var name = names[i];
            if (!_byName.TryGetValue(name, out var column) && !_byNameIgnoreCase.TryGetValue(name, out column))
                throw new BadRequest($"Unknown column '{name}'{Suggest(name)}. The model takes: {string.Join(", ", Features.Select(f => f.Name))}.");
            if (!seen.Add(column.Ordinal)) throw new BadRequest($"Column '{column.Name}' is given more than once.");
            bound[i] = column.Role is ColumnRole.Feature or ColumnRole.Id ? column : null;
        }
        var missing = Features.Where(f => !seen.Contains(f.Ordinal)).Select(f => f.Name).ToList();
        if (missing.Count > 0) throw new BadRequest($"Missing column(s): {string.Join(", ", missing)}.");
        return bound;
    }

    public static bool IsId(DatasetColumn column) => column.Role == ColumnRole.Id;

    /// <summary>Checks a text value (CSV, or a JSON string) and converts it to the column's type.</summary>
    public static object? FromText(DatasetColumn column, string? text, int row)
    {
        if (string.IsNullOrWhiteSpace(text)) return Null(column, row);
        switch (column.Type)
        {
            case ColumnType.Integer:
                if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l)) return l;
                break;
            case ColumnType.Real:
                if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) return Finite(column, d, row);
                break;
            default:
                return text;
        }
        if (text.Trim().ToLowerInvariant() is "nan" or "inf" or "+inf" or "-inf" or "infinity" or "-infinity" or "+infinity")
            throw new BadRequest($"Row {row}, column '{column.Name}': NaN and infinite values are not accepted.");
        throw new BadRequest($"Row {row}, column '{column.Name}' expects {Describe(column.Type)}, got '{Clip(text)}'.");
    }

    public static object? Null(DatasetColumn column, int row) =>
        column.Nullable ? null : throw new BadRequest($"Row {row}, column '{column.Name}' is required and may not be null.");

    public static double Finite(DatasetColumn column, double value, int row) =>
        double.IsFinite(value) ? value : throw new BadRequest($"Row {row}, column '{column.Name}': NaN and infinite values are not accepted.");

    public static string Describe(ColumnType type) => type switch
    {
        ColumnType.Integer => "an integer",
        ColumnType.Real => "a number",
        _ => "a string",
    };

    public static string Clip(string text) => text.Length > 40 ? text[..40] + "…" : text;

    /// <summary>A row of typical values, to warm a freshly loaded model up with.</summary>
    public object?[] WarmUpRow()
    {
        var row = new object?[Width];
        foreach (var c in Features) row[c.Ordinal] = c.Type switch { ColumnType.Integer => 1L, ColumnType.Real => 1.0, _ => "warm-up" };
        return row;
    }

    private string Suggest(string name)
    {
        var best = Columns.Select(c => (c.Name, Distance: Levenshtein(name.ToLowerInvariant(), c.Name.ToLowerInvariant())))
            .OrderBy(x => x.Distance).FirstOrDefault();
        return best.Name is not null && best.Distance <= Math.Max(2, name.Length / 3) ? $" (did you mean '{best.Name}'?)" : "";
    }

    private static int Levenshtein(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            previous = current;
        }
        return previous[b.Length];
    }
}
