using System.Net;
using System.Text.Json;

namespace Telco.InsightPortal.Web.Tests.Hosting;

/// <summary>Reading an <c>/api/v1</c> answer in a test: a success as JSON (the body in the failure message otherwise),
/// or a refusal as a 400 problem details that names what was wrong.</summary>
public static class ApiAnswers
{
    public static async Task<JsonElement> GetJsonAsync(HttpClient client, string path, CancellationToken ct) =>
        await JsonOfAsync(await client.GetAsync(path, ct), ct);

    /// <summary>A POST without a body (an action such as acknowledge), read as <see cref="GetJsonAsync"/> reads.</summary>
    public static async Task<JsonElement> PostJsonAsync(HttpClient client, string path, CancellationToken ct) =>
        await JsonOfAsync(await client.PostAsync(path, null, ct), ct);

    private static async Task<JsonElement> JsonOfAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var body = await response.Content.ReadAsStringAsync(ct);
        Assert.True(response.IsSuccessStatusCode, $"{response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    public static async Task AssertRefusedAsync(HttpResponseMessage response, string naming, CancellationToken ct)
    {
        var body = await response.Content.ReadAsStringAsync(ct);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{response.StatusCode}: {body}");
        Assert.Contains("application/problem+json", response.Content.Headers.ContentType?.ToString());
        Assert.Contains(naming, body);
    }
}
