using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Telco.InsightPortal.Data.Deployments;

/// <summary>A prediction row as the store holds it (id in the provider's form, values as an array in its layout's
/// column order), turned back into the keyed form readers use.</summary>
internal sealed class StoredPrediction
{
    public object Uuid { get; init; } = Array.Empty<byte>();
    public long DeploymentId { get; init; }
    public string ModelVersion { get; init; } = "";
    public string Columns { get; init; } = "[]";
    public long CreatedAt { get; init; }
    public double LatencyMs { get; init; }
    public string Inputs { get; init; } = "[]";
    public double Probability { get; init; }
    public int Label { get; init; }
    public int? TrueLabel { get; init; }
    public string? EntityId { get; init; }

    public PredictionRecord ToRecord() => new()
    {
        Uuid = PredictionIds.FromStore(Uuid).ToString(), DeploymentId = DeploymentId, ModelVersion = ModelVersion, CreatedAt = CreatedAt,
        LatencyMs = LatencyMs, Inputs = Keyed(Columns, Inputs), Probability = Probability, Label = Label, TrueLabel = TrueLabel,
        EntityId = EntityId,
    };

    /// <summary>{"name": value, …} from the layout's names and the row's values, in column order.</summary>
    internal static string Keyed(string columns, string values)
    {
        using var names = JsonDocument.Parse(columns);
        using var row = JsonDocument.Parse(values);
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            using var value = row.RootElement.EnumerateArray().GetEnumerator();
            foreach (var name in names.RootElement.EnumerateArray())
            {
                json.WritePropertyName(name.GetString()!);
                if (value.MoveNext()) value.Current.WriteTo(json);
                else json.WriteNullValue();
            }
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
