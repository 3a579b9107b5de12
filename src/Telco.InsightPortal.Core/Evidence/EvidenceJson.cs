using System.Text.Json;
using System.Text.Json.Serialization;

namespace Telco.InsightPortal.Core.Evidence;

/// <summary>How the pack's JSON files are written and read: camelCase, indented for people, nulls kept (a missing fact
/// is said as null, not silently dropped).</summary>
public static class EvidenceJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static byte[] Serialize<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Options);
}
