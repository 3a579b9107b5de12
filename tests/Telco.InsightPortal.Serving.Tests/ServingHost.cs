using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Telco.InsightPortal.Core.Registry;
using Telco.InsightPortal.Data.Store;
using Telco.InsightPortal.TestSupport;
using Telco.InsightPortal.Web.Security;

namespace Telco.InsightPortal.Serving.Tests;

/// <summary>The real portal, hosting serving in-process over a real store, with the trained models' resolver, and a
/// data scientist's API client for the management API.</summary>
public sealed class ServingHost : IAsyncDisposable
{
    private ServingHost(PortalFactory portal, HttpClient scientist)
    {
        Portal = portal;
        Scientist = scientist;
    }

    public PortalFactory Portal { get; }
    public HttpClient Scientist { get; }

    public static async Task<ServingHost> CreateAsync(TrainedModels models, IDictionary<string, string?>? settings = null, StoreProvider provider = StoreProvider.Sqlite,
        bool kestrel = false)
    {
        var all = new Dictionary<string, string?> { ["Serving:ArtifactRoot"] = models.Root, ["Portal:Demo:Enabled"] = "false", ["Serving:RoutingSeed"] = "7" };
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>()) all[k] = v;
        var portal = await PortalFactory.CreateAsync(provider, all, services => services.AddSingleton<IModelVersionResolver>(models));
        // On Kestrel the portal has a bound address, which its own scoring client calls by default.
        if (kestrel) portal.StartKestrel();
        return new ServingHost(portal, await portal.ClientForAsync("dora", Roles.DataScientist));
    }

    /// <summary>Creates a deployment through the API and returns its access key.</summary>
    public async Task<string> DeployAsync(string name, string version = "1", int enginesPerProcess = 2)
    {
        var response = await Scientist.PostAsJsonAsync("/api/v1/deployments", new { name, model = TrainedModels.Model, version, enginesPerProcess });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("accessKey").GetString()!;
    }

    public HttpClient Client(string? key)
    {
        var client = Portal.CreateClient();
        if (key is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public ValueTask DisposeAsync() => Portal.DisposeAsync();
}
