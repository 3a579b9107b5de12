using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.ML;
using Telco.InsightPortal.Ml.Data;
using Telco.InsightPortal.Ml.Evaluation;

namespace Telco.InsightPortal.Ml.Artifacts;

/// <summary>Writes a finished run's files, each atomically. model.zip goes last, so a directory that has a
/// model always has the evaluation that justified it.</summary>
internal static class ArtifactWriter
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true, Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    public sealed record TestPredictions(ColumnarTable Table, int[] Rows, float[] Probabilities, bool[] Labels);

    public static IReadOnlyList<ArtifactFile> Write(string directory, MLContext ml, ITransformer model, DataViewSchema inputSchema,
        object summary, ModelSignature signature, TestPredictions test, IReadOnlyList<ColumnImportance> importance, IReadOnlyList<SliceColumn> slices, double threshold)
    {
        var p = test.Probabilities;
        var y = test.Labels;
        return
        [
            WriteJson(directory, ArtifactNames.Metrics, summary),
            WriteJson(directory, ArtifactNames.Signature, signature),
            WriteJson(directory, ArtifactNames.Roc, BinaryEvaluator.RocCurve(p, y)),
            WriteJson(directory, ArtifactNames.PrecisionRecall, BinaryEvaluator.PrCurve(p, y)),
            WriteJson(directory, ArtifactNames.Confusion, BinaryEvaluator.Confusion(p, y, threshold)),
            WriteJson(directory, ArtifactNames.Calibration, BinaryEvaluator.Calibration(p, y)),
            WriteJson(directory, ArtifactNames.Importance, importance),
            WriteJson(directory, ArtifactNames.Slices, slices),
            AtomicFile.Write(directory, ArtifactNames.Predictions, stream => WritePredictions(stream, test)),
            AtomicFile.Write(directory, ArtifactNames.Model, stream => ml.Model.Save(model, inputSchema, stream)),
        ];
    }

    private static ArtifactFile WriteJson<T>(string directory, string name, T value) =>
        AtomicFile.Write(directory, name, stream => JsonSerializer.Serialize(stream, value, Json));

    /// <summary>row = 0-based position in the rows given to the run; id = the Id column's value, if the schema has one.</summary>
    private static void WritePredictions(Stream stream, TestPredictions test)
    {
        var id = test.Table.Schema.Columns.FirstOrDefault(c => c.Role == Core.Data.ColumnRole.Id);
        using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
        writer.Write("row,id,label,probability\n");
        for (var i = 0; i < test.Rows.Length; i++)
        {
            var row = test.Rows[i];
            writer.Write(test.Table.SourceRows[row].ToString(CultureInfo.InvariantCulture));
            writer.Write(',');
            if (id is not null) writer.Write(Csv(test.Table.Text(id.Ordinal, row)));
            writer.Write(test.Labels[i] ? ",1," : ",0,");
            writer.Write(test.Probabilities[i].ToString("R", CultureInfo.InvariantCulture));
            writer.Write('\n');
        }
    }

    private static string Csv(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
