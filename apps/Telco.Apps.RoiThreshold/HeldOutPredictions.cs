using System.Globalization;
using System.Text;

namespace Telco.Apps.RoiThreshold;

/// <summary>
/// A run's held-out test predictions, read from its <c>predictions.csv</c> artifact. The trainer
/// (src/Telco.InsightPortal.Ml/Artifacts/ArtifactWriter.cs) writes a header <c>row,id,label,probability</c>, then one
/// row per test example: label 1 or 0, probability the model's positive-class score in round-trip format. Columns are
/// found by name, so an added column does not break the reader.
/// </summary>
public sealed class HeldOutPredictions
{
    /// <summary>Well above any test split the portal trains on, low enough to bound the memory of one upload (~45 MB).</summary>
    public const int DefaultMaxRows = 5_000_000;

    /// <summary>A row is a few numbers and a customer id; a longer line is not a predictions file.</summary>
    public const int DefaultMaxLineLength = 4096;

    private readonly double[] _scores;
    private readonly bool[] _labels;

    private HeldOutPredictions(double[] scores, bool[] labels) => (_scores, _labels) = (scores, labels);

    public int Count => _scores.Length;
    public IReadOnlyList<double> Scores => _scores;
    public IReadOnlyList<bool> Labels => _labels;

    public RoiCurve ToCurve() => new(_scores, _labels);

    /// <summary>Reads UTF-8 (a byte-order mark is honoured). Malformed bytes decode to U+FFFD and then fail as a bad line.</summary>
    /// <exception cref="InvalidDataException">The content is not a valid predictions file or exceeds a limit; the message names the line.</exception>
    public static HeldOutPredictions Parse(Stream stream, int maxRows = DefaultMaxRows, int maxLineLength = DefaultMaxLineLength)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var reader = new StreamReader(stream, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16, leaveOpen: true);
        return Parse(reader, maxRows, maxLineLength);
    }

    /// <exception cref="InvalidDataException">The content is not a valid predictions file or exceeds a limit; the message names the line.</exception>
    /// <remarks>Errors from the reader itself (I/O, disposal) pass through unchanged; they are not about the content.</remarks>
    public static HeldOutPredictions Parse(TextReader reader, int maxRows = DefaultMaxRows, int maxLineLength = DefaultMaxLineLength)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLineLength, 1);

        var csv = new CsvRecordReader(reader, maxLineLength);
        if (!csv.Read()) throw new InvalidDataException("The predictions file is empty; expected a header row,id,label,probability.");
        var (labelColumn, scoreColumn, fields) = Header(csv);

        var scores = new List<double>();
        var labels = new List<bool>();
        while (csv.Read())
        {
            if (scores.Count == maxRows)
                throw csv.Error($"more than {maxRows:N0} prediction rows; the file is too large to analyse.");
            if (csv.FieldCount != fields)
                throw csv.Error($"expected {fields} fields like the header, found {csv.FieldCount}.");
            labels.Add(Label(csv, csv.Field(labelColumn)));
            scores.Add(Score(csv, csv.Field(scoreColumn)));
        }
        if (scores.Count == 0) throw new InvalidDataException("The predictions file has a header but no prediction rows.");
        return new HeldOutPredictions([.. scores], [.. labels]);
    }

    private static (int Label, int Score, int Fields) Header(CsvRecordReader csv)
    {
        int label = -1, score = -1;
        for (var i = 0; i < csv.FieldCount; i++)
        {
            var name = csv.Field(i).Trim().TrimStart('\uFEFF');
            if (name.Equals("label", StringComparison.OrdinalIgnoreCase)) label = label < 0 ? i : throw csv.Error("the header has two label columns.");
            else if (name.Equals("probability", StringComparison.OrdinalIgnoreCase)) score = score < 0 ? i : throw csv.Error("the header has two probability columns.");
        }
        if (label < 0 || score < 0)
            throw csv.Error("the header must name a label and a probability column (the trainer writes row,id,label,probability).");
        return (label, score, csv.FieldCount);
    }

    private static bool Label(CsvRecordReader csv, ReadOnlySpan<char> field) => field.Trim() switch
    {
        "1" => true,
        "0" => false,
        var other => throw csv.Error($"label is '{Shown(other)}'; expected 1 or 0."),
    };

    private static double Score(CsvRecordReader csv, ReadOnlySpan<char> field)
    {
        // Finite and in [0, 1]: the NaN-rejecting comparison also rejects the "NaN" and "Infinity" that double parsing accepts.
        if (double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= 0 && value <= 1) return value;
        throw csv.Error($"probability is '{Shown(field)}'; expected a number between 0 and 1.");
    }

    /// <summary>Quotes at most 40 characters of a bad field, so an error message stays readable whatever the input.</summary>
    private static string Shown(ReadOnlySpan<char> field) => field.Length <= 40 ? field.ToString() : string.Concat(field[..40], "…");
}
