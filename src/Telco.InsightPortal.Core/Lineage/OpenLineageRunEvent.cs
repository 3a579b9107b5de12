using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Telco.InsightPortal.Core.Lineage;

/// <summary>A dataset as OpenLineage names it: the portal's namespace and a lineage key (<c>dataset/customers</c>),
/// with the version it was at when there is one (a snapshot number).</summary>
public sealed record OpenLineageDataset(string Name, string? Version = null);

/// <summary>
/// One OpenLineage 2-0-2 run event (START, COMPLETE, FAIL, ABORT), written as the JSON other tools (Marquez) read.
/// Jobs and datasets live in the portal's namespace and are named by lineage keys, so an event and the portal's own graph
/// name the same things alike. A FAIL carries the error message facet; a versioned dataset the dataset version facet.
/// </summary>
public sealed record OpenLineageRunEvent(string EventType, Guid RunId, string JobName, DateTimeOffset EventTime,
    IReadOnlyList<OpenLineageDataset> Inputs, IReadOnlyList<OpenLineageDataset> Outputs, string? ErrorMessage = null)
{
    public const string Namespace = "telco-insight-portal";
    public const string Producer = "https://github.com/telco-insight-portal/portal";
    public const string SchemaUrl = "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent";
    public const string Start = "START", Complete = "COMPLETE", Fail = "FAIL", Abort = "ABORT";

    private const string ErrorFacetSchema = "https://openlineage.io/spec/facets/1-0-1/ErrorMessageRunFacet.json#/$defs/ErrorMessageRunFacet";
    private const string VersionFacetSchema = "https://openlineage.io/spec/facets/1-0-1/DatasetVersionDatasetFacet.json#/$defs/DatasetVersionDatasetFacet";

    /// <summary>An OpenLineage run id (a UUID) for a portal run key: the MLflow id itself when it is 32 hex digits, else
    /// a name-based UUID from its SHA-256, so the START and the COMPLETE of one run always share it.</summary>
    public static Guid RunIdFor(string key)
    {
        if (Guid.TryParseExact(key, "N", out var id)) return id;
        Span<byte> bytes = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(key), bytes);
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80); // version 8: custom, name-based
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 9562 variant
        return new Guid(bytes[..16], bigEndian: true);
    }

    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("eventType", EventType);
            w.WriteString("eventTime", EventTime.ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            w.WriteString("producer", Producer);
            w.WriteString("schemaURL", SchemaUrl);
            w.WriteStartObject("run");
            w.WriteString("runId", RunId.ToString("D"));
            if (ErrorMessage is not null)
            {
                w.WriteStartObject("facets");
                w.WriteStartObject("errorMessage");
                Facet(w, ErrorFacetSchema);
                w.WriteString("message", ErrorMessage);
                w.WriteString("programmingLanguage", "C#");
                w.WriteEndObject();
                w.WriteEndObject();
            }
            w.WriteEndObject();
            w.WriteStartObject("job");
            w.WriteString("namespace", Namespace);
            w.WriteString("name", JobName);
            w.WriteEndObject();
            Datasets(w, "inputs", Inputs);
            Datasets(w, "outputs", Outputs);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Datasets(Utf8JsonWriter w, string property, IReadOnlyList<OpenLineageDataset> datasets)
    {
        w.WriteStartArray(property);
        foreach (var d in datasets)
        {
            w.WriteStartObject();
            w.WriteString("namespace", Namespace);
            w.WriteString("name", d.Name);
            if (d.Version is not null)
            {
                w.WriteStartObject("facets");
                w.WriteStartObject("version");
                Facet(w, VersionFacetSchema);
                w.WriteString("datasetVersion", d.Version);
                w.WriteEndObject();
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static void Facet(Utf8JsonWriter w, string schema)
    {
        w.WriteString("_producer", Producer);
        w.WriteString("_schemaURL", schema);
    }
}
