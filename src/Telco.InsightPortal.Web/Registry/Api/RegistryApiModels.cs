using System.Globalization;
using System.Text.Json.Serialization;
using System.Text.Json;
using Telco.InsightPortal.Data.Registry;
using Telco.InsightPortal.Web.Experiments.Api;

namespace Telco.InsightPortal.Web.Registry.Api;

/// <summary>Every registry request body, all fields optional, so a missing one is answered by name rather than by the binder.</summary>
public sealed class RegistryRequest
{
    public string? Name { get; init; }
    public string? NewName { get; init; }
    public string? Description { get; init; }
    [JsonConverter(typeof(StringOrNumber))] public string? Version { get; init; }
    public string? Source { get; init; }
    public string? RunId { get; init; }
    public string? Alias { get; init; }
    public string? Stage { get; init; }
    public bool? ArchiveExistingVersions { get; init; }
    public List<string>? Stages { get; init; }
    public string? Key { get; init; }
    public string? Value { get; init; }
    public List<KeyValueJson>? Tags { get; init; }
    public string? Comment { get; init; }
    [JsonConverter(typeof(StringOrNumber))] public string? RequestId { get; init; }
    public string? Filter { get; init; }
    public int? MaxResults { get; init; }
    public List<string>? OrderBy { get; init; }
    public string? PageToken { get; init; }

    public long VersionNumber() => RegistryStore.ParseVersion(Version);

    public List<RegistryTag> TagList() =>
        (Tags ?? []).Select(t => new RegistryTag(MlflowJson.Required(t.Key, "tags.key"), MlflowJson.Required(t.Value, "tags.value"))).ToList();
}

/// <summary>MLflow sends versions as strings ("3"); some clients send numbers. Both read as text.</summary>
public sealed class StringOrNumber : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Number => reader.TryGetInt64(out var n) ? n.ToString(CultureInfo.InvariantCulture) : throw new JsonException("A version is an integer."),
        JsonTokenType.Null => null,
        _ => throw new JsonException($"Expected a string or an integer, got {reader.TokenType}."),
    };

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}

public sealed record AliasJson(string Alias, string Version);

public sealed record ModelVersionJson(string Name, string Version, long CreationTimestamp, long LastUpdatedTimestamp, string UserId, string CurrentStage,
    string Description, string Source, string RunId, string Status, IReadOnlyList<RegistryTag> Tags, IReadOnlyList<string> Aliases)
{
    public static ModelVersionJson From(ModelVersion v) => new(v.Name, Text(v.Version), v.CreationTime, v.LastUpdatedTime, v.CreatedBy, v.CurrentStage,
        v.Description, v.Source, v.RunId, v.Status, v.Tags, v.Aliases);

    public static string Text(long version) => version.ToString(CultureInfo.InvariantCulture);
}

public sealed record RegisteredModelJson(string Name, long CreationTimestamp, long LastUpdatedTimestamp, string UserId, string Description,
    IReadOnlyList<ModelVersionJson> LatestVersions, IReadOnlyList<RegistryTag> Tags, IReadOnlyList<AliasJson> Aliases)
{
    public static RegisteredModelJson From(RegisteredModel m) => new(m.Name, m.CreationTime, m.LastUpdatedTime, m.CreatedBy, m.Description,
        m.LatestVersions.Select(ModelVersionJson.From).ToList(), m.Tags, m.Aliases.Select(a => new AliasJson(a.Alias, ModelVersionJson.Text(a.Version))).ToList());
}

/// <summary>A four-eyes approval request, as the portal's transition-requests endpoints answer it.</summary>
public sealed record ApprovalJson(string Id, string Name, string Version, string Target, string Status, string RequestedBy, long RequestedTimestamp,
    string Comment, bool ArchiveExistingVersions, string? DecidedBy, long? DecidedTimestamp, string? DecisionComment)
{
    public static ApprovalJson From(ApprovalRequest a) => new(ModelVersionJson.Text(a.ApprovalId), a.Name, ModelVersionJson.Text(a.Version), a.Describe(),
        a.Status, a.RequestedBy, a.RequestedAt, a.RequestComment, a.ArchivesExisting, a.DecidedBy, a.DecidedAt, a.DecisionComment);
}
