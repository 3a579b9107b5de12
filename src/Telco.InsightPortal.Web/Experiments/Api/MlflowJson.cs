using System.Globalization;
using System.Text.Json.Serialization;
using System.Text.Json;
using Telco.InsightPortal.Data.Tracking;
using Telco.InsightPortal.Http;

namespace Telco.InsightPortal.Web.Experiments.Api;

/// <summary>MLflow's wire format: snake_case names, string ids, int64 milliseconds, and errors as
/// <c>{"error_code", "message"}</c>. Protobuf JSON may send int64 as strings, so numbers are read from either.</summary>
public static class MlflowJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.AllowNamedFloatingPointLiterals,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static readonly object Empty = new { };

    public static IResult Ok(object body) => Results.Json(body, Options);

    /// <summary>An empty body reads as an empty request, whose missing required fields are then reported by name.</summary>
    public static Task<T> ReadAsync<T>(HttpRequest request, CancellationToken ct) where T : new() =>
        JsonBody.ReadAsync(request, Options, () => new T(), ct: ct);

    public static T Required<T>(T? value, string name) where T : class =>
        value is string { Length: 0 } || value is null ? throw TrackingException.Invalid($"Missing value for required parameter '{name}'.") : value;

    public static T RequiredValue<T>(T? value, string name) where T : struct =>
        value ?? throw TrackingException.Invalid($"Missing value for required parameter '{name}'.");

    public static long ExperimentId(string? id, string name = "experiment_id") =>
        long.TryParse(Required(id, name), NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw TrackingException.Invalid($"Invalid value '{id}' for parameter '{name}': experiment ids are integers.");

    public static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    public static ViewType View(string? view) => view?.ToUpperInvariant() switch
    {
        null or "" or "ACTIVE_ONLY" or "1" => ViewType.ActiveOnly,
        "DELETED_ONLY" or "2" => ViewType.DeletedOnly,
        "ALL" or "3" => ViewType.All,
        _ => throw TrackingException.Invalid($"Invalid view type '{view}'; use ACTIVE_ONLY, DELETED_ONLY or ALL."),
    };

    public static int? Int(string? text, string name) =>
        string.IsNullOrEmpty(text) ? null
        : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value
        : throw TrackingException.Invalid($"Invalid value '{text}' for parameter '{name}': expected an integer.");

    /// <summary>The run named by a GET's query: <c>run_id</c>, or the older <c>run_uuid</c>.</summary>
    public static string QueryRunId(HttpRequest request)
    {
        string? id = request.Query["run_id"];
        return Required(string.IsNullOrEmpty(id) ? (string?)request.Query["run_uuid"] : id, "run_id");
    }
}
