using System.Net.Http.Json;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Dapper;
using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.Data.Store;
using Telco.InsightPortal.Data.Tracking;
using Telco.InsightPortal.TestSupport;
using Telco.InsightPortal.Web.Experiments.Training;
using Telco.InsightPortal.Web.Security;

namespace Telco.InsightPortal.Web.Tests.Training;

/// <summary>
/// Portal instances as separate OS processes on one PostgreSQL store and one data folder, as behind a load balancer,
/// with the accounts <c>dora</c> and <c>carl</c> (both DataScientist). Disposing kills every instance, then drops the
/// store.
/// </summary>
internal sealed class TrainingCluster : IAsyncDisposable
{
    public static readonly TimeSpan RunLimit = TimeSpan.FromMinutes(5);

    private readonly TestStore _store;
    private readonly Dictionary<string, string?> _settings;
    private readonly List<PortalProcess> _instances = [];

    private TrainingCluster(TestStore store, Dictionary<string, string?> settings)
    {
        _store = store;
        _settings = settings;
        Tracking = new TrackingStore(store.Factory, new AuditTrail(store.Factory, TimeProvider.System), TimeProvider.System);
    }

    /// <summary>The store the instances share, read directly by the test.</summary>
    public TrackingStore Tracking { get; }

    public static async Task<TrainingCluster> CreateAsync(IDictionary<string, string?>? settings = null)
    {
        var store = await TestStore.CreateAsync(StoreProvider.Postgres);
        await store.CreateUserAsync("dora", Roles.DataScientist);
        await store.CreateUserAsync("carl", Roles.DataScientist);
        var all = InstanceSettings.For(store);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) all[key] = value;
        return new TrainingCluster(store, all);
    }

    /// <summary>Starts an instance and waits until its training worker has made its first lease check.</summary>
    public async Task<PortalProcess> StartAsync(string name)
    {
        var instance = await PortalProcess.StartAsync(name, _settings);
        _instances.Add(instance);
        await instance.WaitForOutputAsync(RunLeaseKeeper.StartedMessage, PortalProcess.StartLimit);
        return instance;
    }

    /// <summary>Generates the telco churn dataset through the API: enough rows that a sweep trains for minutes.</summary>
    public static async Task GenerateAsync(HttpClient client, int rows)
    {
        var response = await client.PostAsJsonAsync("/api/v1/datasets/telco-churn/generate", new { generator = "telco-churn", rows, seed = 3 });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    public static async Task<string> SubmitAsync(HttpClient client, string trainer)
    {
        var response = await client.PostAsJsonAsync("/api/v1/train", new { experiment = "cluster", dataset = "telco-churn", trainer, budgetSeconds = 3600 });
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("runId").GetString()!;
    }

    /// <summary>Whether <paramref name="instance"/> owns the run: an owner is named host/pid/nonce.</summary>
    public static bool Owns(PortalProcess instance, RunLease lease) => lease.Owner?.Contains($"/{instance.Id}/", StringComparison.Ordinal) == true;

    /// <summary>Polls the store until the run's lease satisfies <paramref name="condition"/>.</summary>
    public async Task<RunLease> WaitForRunAsync(string runId, Func<RunLease, bool> condition, string what)
    {
        using var deadline = new CancellationTokenSource(RunLimit);
        while (true)
        {
            if (await Tracking.GetRunLeaseAsync(runId) is { } lease && condition(lease)) return lease;
            try
            {
                await Task.Delay(100, deadline.Token);
            }
            catch (OperationCanceledException)
            {
                var lastSeen = await Tracking.GetRunLeaseAsync(runId);
                throw new TimeoutException($"Run {runId} was not {what} within {RunLimit} (last seen {lastSeen}).\n"
                                           + string.Join("\n", _instances.Select(i => $"--- {i.Name}:\n{i.Output}")));
            }
        }
    }

    public Task<RunLease> WaitForEndAsync(string runId) =>
        WaitForRunAsync(runId, l => l.Status is not ("SCHEDULED" or "RUNNING"), "ended");

    public string Log(string runId) => File.ReadAllText(Path.Combine(_store.Directory, "artifacts", "runs", runId, RunLog.FileName));

    /// <summary>The run's status changes as the audit trail has them: (actor, details).</summary>
    public async Task<IReadOnlyList<(string Actor, string Details)>> StatusChangesAsync(string runId)
    {
        await using var connection = await _store.Factory.OpenAsync();
        return (await connection.QueryAsync<(string, string)>(
            "SELECT actor, details FROM audit_entries WHERE action = 'run.status' AND target_id = @RunId ORDER BY seq", new { RunId = runId })).ToList();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var instance in _instances) await instance.DisposeAsync();
        await _store.DisposeAsync();
    }
}
