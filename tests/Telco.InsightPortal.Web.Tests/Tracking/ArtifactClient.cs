using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Telco.InsightPortal.TestSupport;

namespace Telco.InsightPortal.Web.Tests.Tracking;

/// <summary>The artifact calls an MLflow client makes: list through the tracking API, PUT and GET through the proxied
/// artifact API at the run's artifact_uri, and the UI's /get-artifact. Paths are sent as written, not normalised, so
/// that a '..' reaches the server as the attacker typed it (HttpClient's Uri would resolve it first); the server
/// decodes the path as Kestrel does, all but %2F.</summary>
internal sealed class ArtifactClient(PortalFactory portal, HttpClient http)
{
    public const string Proxy = "/api/2.0/mlflow-artifacts/artifacts/";

    public async Task<(string RunId, string Prefix)> NewRunAsync(MlflowClient mlflow, string experiment = "artifacts")
    {
        var experimentId = await mlflow.CreateExperimentAsync(experiment);
        var runId = await mlflow.CreateRunAsync(experimentId, "with-files");
        var run = await mlflow.OkAsync(mlflow.GetAsync($"runs/get?run_id={runId}"));
        var uri = run.GetProperty("run").GetProperty("info").GetProperty("artifact_uri").GetString()!;
        Assert.StartsWith("mlflow-artifacts:/", uri);
        return (runId, uri["mlflow-artifacts:/".Length..]);
    }

    public Task<HttpResponseMessage> PutAsync(string proxiedPath, byte[] body) => SendRawAsync(HttpMethods.Put, Proxy + proxiedPath, body);

    /// <summary>A PUT whose length is not declared up front (a chunked upload): only counting can stop it.</summary>
    public Task<HttpResponseMessage> PutUndeclaredAsync(string proxiedPath, byte[] body) =>
        SendRawAsync(HttpMethods.Put, Proxy + proxiedPath, body, declareLength: false);

    public Task<HttpResponseMessage> PutTextAsync(string proxiedPath, string text) => PutAsync(proxiedPath, Encoding.UTF8.GetBytes(text));

    public Task<HttpResponseMessage> GetProxiedAsync(string proxiedPath) => SendRawAsync(HttpMethods.Get, Proxy + proxiedPath, null);

    public Task<HttpResponseMessage> ListProxiedAsync(string escapedPath) => http.GetAsync(Proxy.TrimEnd('/') + "?path=" + escapedPath);

    public Task<HttpResponseMessage> ListAsync(string runId, string? escapedPath = null, string? pageToken = null) =>
        http.GetAsync($"/api/2.0/mlflow/artifacts/list?run_id={runId}" + (escapedPath is null ? "" : "&path=" + escapedPath)
            + (pageToken is null ? "" : "&page_token=" + Uri.EscapeDataString(pageToken)));

    public Task<HttpResponseMessage> GetArtifactAsync(string runId, string escapedPath) =>
        http.GetAsync($"/get-artifact?run_id={runId}&path={escapedPath}");

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private async Task<HttpResponseMessage> SendRawAsync(string method, string escapedPath, byte[]? body, bool declareLength = true)
    {
        var context = await portal.Server.SendAsync(c =>
        {
            c.Request.Method = method;
            c.Request.Path = PathString.FromUriComponent(escapedPath);
            c.Request.Headers.Authorization = http.DefaultRequestHeaders.Authorization!.ToString();
            if (body is null) return;
            c.Request.Body = new MemoryStream(body);
            c.Request.ContentLength = declareLength ? body.Length : null;
        });
        using var buffer = new MemoryStream();
        await context.Response.Body.CopyToAsync(buffer);
        var message = new HttpResponseMessage((HttpStatusCode)context.Response.StatusCode) { Content = new ByteArrayContent(buffer.ToArray()) };
        foreach (var (name, values) in context.Response.Headers)
            if (!message.Headers.TryAddWithoutValidation(name, values.ToArray())) message.Content.Headers.TryAddWithoutValidation(name, values.ToArray());
        return message;
    }
}
