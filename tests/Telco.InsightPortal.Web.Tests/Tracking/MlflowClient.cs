using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Telco.InsightPortal.Web.Tests.Tracking;

/// <summary>Speaks to the tracking API the way MLflow's Python client does: POST JSON, GET with query parameters.</summary>
internal sealed class MlflowClient(HttpClient http)
{
    private const string Root = "/api/2.0/mlflow/";

    public HttpClient Http => http;

    public Task<HttpResponseMessage> PostAsync(string path, object body) => http.PostAsJsonAsync(Root + path, body);

    public Task<HttpResponseMessage> PostRawAsync(string path, string body) =>
        http.PostAsync(Root + path, new StringContent(body, Encoding.UTF8, "application/json"));

    public Task<HttpResponseMessage> GetAsync(string pathAndQuery) => http.GetAsync(Root + pathAndQuery);

    public async Task<JsonElement> OkAsync(Task<HttpResponseMessage> call)
    {
        var response = await call;
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public async Task<string> CreateExperimentAsync(string name) =>
        (await OkAsync(PostAsync("experiments/create", new { name }))).GetProperty("experiment_id").GetString()!;

    public async Task<string> CreateRunAsync(string experimentId, string runName) =>
        (await OkAsync(PostAsync("runs/create", new { experiment_id = experimentId, run_name = runName, start_time = 1_700_000_000_000, user_id = "laptop" })))
        .GetProperty("run").GetProperty("info").GetProperty("run_id").GetString()!;
}
