using System.Net.Http.Headers;
using System.Text.Json;

namespace Telco.InsightPortal.Web.Deployments.Client;

/// <summary>
/// The portal's only way to score: MLflow's protocol over HTTP against <c>Serving:BaseUrl</c> (by default this portal's
/// own address), with a deployment access key. Pointing the portal at a separate serving cluster is a configuration change.
/// </summary>
public sealed class ServingClient(HttpClient http)
{
    public async Task<IReadOnlyList<ServedPrediction>> InvokeAsync(string deployment, string accessKey, IReadOnlyList<IReadOnlyDictionary<string, object?>> rows, CancellationToken ct = default)
    {
        var reply = await SendAsync<PredictionsReply>(HttpMethod.Post, deployment, "invocations", accessKey, Records(rows), ct);
        return reply.Predictions;
    }

    public async Task<IReadOnlyList<ServedExplanation>> ExplainAsync(string deployment, string accessKey, IReadOnlyList<IReadOnlyDictionary<string, object?>> rows, CancellationToken ct = default) =>
        (await ExplainWithVersionAsync(deployment, accessKey, rows, ct)).Explanations;

    /// <summary>The explanations and the version that made them ("model/version"): a canary routes a batch to either.</summary>
    public Task<ExplanationsReply> ExplainWithVersionAsync(string deployment, string accessKey, IReadOnlyList<IReadOnlyDictionary<string, object?>> rows,
        CancellationToken ct = default) =>
        SendAsync<ExplanationsReply>(HttpMethod.Post, deployment, "explain", accessKey, Records(rows), ct);

    public Task<ServedSchema> SchemaAsync(string deployment, string accessKey, CancellationToken ct = default) =>
        SendAsync<ServedSchema>(HttpMethod.Get, deployment, "schema", accessKey, null, ct);

    private static JsonContent Records(IReadOnlyList<IReadOnlyDictionary<string, object?>> rows) =>
        JsonContent.Create(new Dictionary<string, object> { ["dataframe_records"] = rows });

    private async Task<T> SendAsync<T>(HttpMethod method, string deployment, string action, string accessKey, HttpContent? body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, $"serving/{Uri.EscapeDataString(deployment)}/{action}") { Content = body };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessKey);
        using var response = await http.SendAsync(request, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode) throw new ServingCallException((int)response.StatusCode, Message(text, response));
        return JsonSerializer.Deserialize<T>(text, Json) ?? throw new ServingCallException(502, $"Serving answered {action} with an empty body.");
    }

    /// <summary>Serving's own message ("error_code"/"message"), else the status line.</summary>
    private static string Message(string text, HttpResponseMessage response)
    {
        try
        {
            if (JsonDocument.Parse(text).RootElement.TryGetProperty("message", out var m) && m.GetString() is { Length: > 0 } message) return message;
        }
        catch (JsonException)
        {
        }
        return $"Serving answered {(int)response.StatusCode} {response.ReasonPhrase}.";
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
}

public sealed class ServingCallException(int status, string message) : Exception(message)
{
    public int Status { get; } = status;
}

public sealed record ServedPrediction(string Uuid, double Probability, int Label, string ModelVersion);

public sealed record ServedContribution(string Column, double Contribution);

public sealed record ServedExplanation(double Probability, double Score, double? Bias, IReadOnlyList<ServedContribution> Contributions);

internal sealed record PredictionsReply(IReadOnlyList<ServedPrediction> Predictions);

public sealed record ExplanationsReply(string ModelVersion, IReadOnlyList<ServedExplanation> Explanations);

public sealed record ServedTarget(string ModelVersion, int Weight, double? Threshold = null);

/// <summary>One input of a served model. <see cref="Levels"/> (most frequent first), <see cref="Min"/>, <see cref="Max"/> and
/// <see cref="Median"/> are what training saw: hints for a form, absent for models trained before serving reported them.</summary>
public sealed record ServedInput(string Name, string Type, bool Required, IReadOnlyList<string>? Levels = null, bool FreeText = false,
    double? Min = null, double? Max = null, double? Median = null);

/// <summary>What <c>GET /serving/{d}/schema</c> says a deployment takes.</summary>
public sealed record ServedSchema(string Deployment, IReadOnlyList<ServedTarget> Targets, IReadOnlyList<ServedInput> Inputs, string? Label);
