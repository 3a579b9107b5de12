using System.Globalization;

namespace Telco.InsightPortal.Core.Data.Ingestion;

/// <summary>Proposes a schema from a header and a sample of rows. The proposal is only a starting point:
/// the upload dialog shows it for review before anything is committed.</summary>
public static class SchemaInference
{
    private static readonly string[] LabelNames = ["churn", "label", "target", "class", "y", "cell_tower_failure", "outcome"];
    private static readonly string[] PiiHints = ["email", "phone", "mobile", "name", "address", "ssn", "birth", "customerid", "customer_id", "ip"];

    public static DatasetSchema Infer(IReadOnlyList<string> header, IReadOnlyList<IReadOnlyList<string>> sample)
    {
        var columns = new List<DatasetColumn>(header.Count);
        var idTaken = false;
        var labelTaken = false;
        for (var i = 0; i < header.Count; i++)
        {
            var name = header[i].Trim();
            var values = sample.Where(r => r.Count == header.Count).Select(r => r[i]).Where(v => !string.IsNullOrWhiteSpace(v)).ToList();
            var type = InferType(values);
            var role = ColumnRole.Feature;
            var distinct = values.Distinct(StringComparer.Ordinal).Count();
            if (type == ColumnType.Timestamp) role = ColumnRole.Timestamp;
            else if (!labelTaken && distinct <= 2 && LabelNames.Contains(name.ToLowerInvariant()))
            {
                role = ColumnRole.Label;
                labelTaken = true;
            }
            else if (!idTaken && type != ColumnType.Real && LooksLikeId(name) && distinct == values.Count && values.Count > 0)
            {
                role = ColumnRole.Id;
                idTaken = true;
            }
            var lower = name.ToLowerInvariant();
            var pii = PiiHints.Any(h => lower.Contains(h)) && !lower.EndsWith("_count", StringComparison.Ordinal);
            columns.Add(new DatasetColumn(i, name, type, role, Nullable: role is ColumnRole.Feature or ColumnRole.Timestamp, Pii: pii));
        }
        return new DatasetSchema(columns);
    }

    private static bool LooksLikeId(string name) =>
        name.Equals("id", StringComparison.OrdinalIgnoreCase) || name.EndsWith("_id", StringComparison.OrdinalIgnoreCase)
        || name.EndsWith("ID", StringComparison.Ordinal) || name.EndsWith("Id", StringComparison.Ordinal);

    private static ColumnType InferType(List<string> values)
    {
        if (values.Count == 0) return ColumnType.Text;
        if (values.All(v => long.TryParse(v.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)))
            return ColumnType.Integer;
        if (values.All(v => double.TryParse(v.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d)))
            return ColumnType.Real;
        if (values.All(v => v.Length >= 10 && v[4] == '-' && DateTimeOffset.TryParse(v, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _)))
            return ColumnType.Timestamp;
        return ColumnType.Text;
    }
}
