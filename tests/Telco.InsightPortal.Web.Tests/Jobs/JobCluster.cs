using System.Net.Http.Json;
using System.Text.Json;
using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.Data.Jobs;
using Telco.InsightPortal.Data.Store;
using Telco.InsightPortal.TestSupport;
using Telco.InsightPortal.Web.Security;

namespace Telco.InsightPortal.Web.Tests.Jobs;

/// <summary>
/// Portal instances as OS processes of their own on one store (SQLite for a restart on one machine, PostgreSQL for a
/// cluster), with the account <c>dora</c> (DataScientist) and job timings shortened so a dead instance is noticed in
/// seconds. Disposing kills every instance, then drops the store.
/// </summary>
internal sealed class JobCluster : IAsyncDisposable
{
    public static readonly TimeSpan Limit = TimeSpan.FromMinutes(4);

    private readonly TestStore _store;
    private readonly Dictionary<string, string?> _settings;
    private readonly List<PortalProcess> _instances = [];

    private JobCluster(TestStore store, Dictionary<string, string?> settings)
    {
        _store = store;
        _settings = settings;
        Jobs = new JobStore(store.Factory, new AuditTrail(store.Factory, TimeProvider.System), TimeProvider.System);
    }

    /// <summary>The store the instances share, read directly by the test.</summary>
    public JobStore Jobs { get; }

    public IConnectionFactory Factory => _store.Factory;

    public static async Task<JobCluster> CreateAsync(StoreProvider provider)
    {
        var store = await TestStore.CreateAsync(provider);
        await store.CreateUserAsync("dora", Roles.DataScientist);
        var settings = InstanceSettings.For(store);
        settings["Jobs:HeartbeatSeconds"] = "1";
        settings["Jobs:StaleAfterSeconds"] = "20";
        settings["Jobs:SweepSeconds"] = "2";
        settings["Jobs:ClusterCheckinSeconds"] = "2";
        return new JobCluster(store, settings);
    }

    /// <summary>Starts an instance and waits until its scheduler runs.</summary>
    public async Task<PortalProcess> StartAsync(string name)
    {
        var instance = await PortalProcess.StartAsync(name, _settings);
        _instances.Add(instance);
        await instance.WaitForOutputAsync("Job scheduler started as instance", PortalProcess.StartLimit);
        return instance;
    }

    public static async Task<JsonElement> PostAsync(HttpClient client, string path, string? json)
    {
        var response = await client.PostAsync(path, json is null ? null : new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Polls the store until <paramref name="probe"/> finds what it waits for.</summary>
    public async Task<T> WaitAsync<T>(Func<Task<T?>> probe, string what) where T : class
    {
        var until = DateTime.UtcNow + Limit;
        while (true)
        {
            if (await probe() is { } found) return found;
            if (DateTime.UtcNow > until)
                throw new TimeoutException($"Not {what} within {Limit}.\n" + string.Join("\n", _instances.Select(i => $"--- {i.Name}:\n{i.Output}")));
            await Task.Delay(200);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var instance in _instances) await instance.DisposeAsync();
        await _store.DisposeAsync();
    }
}
