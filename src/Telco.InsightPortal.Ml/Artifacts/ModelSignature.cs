using System.Text.Json;
using Telco.InsightPortal.Core.Data;

namespace Telco.InsightPortal.Ml.Artifacts;

/// <summary>
/// What a model expects and answers, saved beside it as <see cref="ArtifactNames.Signature"/> (MLflow keeps the
/// same idea in its MLmodel file). <see cref="Schema"/> is the dataset schema as trained, in stored column order:
/// feature columns are the request's required inputs; id, label and timestamp columns are optional there.
/// <see cref="Profiles"/> describe the inputs as trained (levels, ranges); signatures written before they existed have
/// none, and still load.
/// </summary>
public sealed record ModelSignature(DatasetSchema Schema, string LabelColumn, string PositiveLabel, string NegativeLabel,
    IReadOnlyList<InputProfile>? Profiles = null)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    public IEnumerable<DatasetColumn> Inputs => Schema.Columns.Where(c => c.Role == ColumnRole.Feature);

    /// <summary>The column's profile, or null when the signature has none for it.</summary>
    public InputProfile? Profile(string column) => Profiles?.FirstOrDefault(p => p.Column == column);

    /// <summary>Reads a signature file written by the trainer.</summary>
    /// <exception cref="ModelLoadException">The file is missing or is not a signature.</exception>
    public static ModelSignature Read(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return JsonSerializer.Deserialize<ModelSignature>(stream, Json)
                   ?? throw new ModelLoadException($"Signature '{Path.GetFileName(path)}' is empty.");
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            throw new ModelLoadException($"Cannot read the model signature '{Path.GetFileName(path)}': {e.Message}");
        }
    }
}
