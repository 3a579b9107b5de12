using Dapper;

namespace Telco.InsightPortal.Data.Tracking;

public sealed partial class TrackingStore
{
    private const string CountActiveRunsSql = """
        SELECT experiment_id, COUNT(*) FROM runs WHERE lifecycle_stage = 'active' GROUP BY experiment_id
        """;

    /// <summary>Active runs per experiment, in one grouped query on the runs index (for lists; not part of MLflow's API).</summary>
    public Task<IReadOnlyDictionary<long, long>> CountActiveRunsAsync(CancellationToken ct = default) =>
        _db.ReadAsync<IReadOnlyDictionary<long, long>>(async c =>
            (await c.QueryAsync<(long ExperimentId, long Runs)>(new CommandDefinition(CountActiveRunsSql, cancellationToken: ct)))
                .ToDictionary(r => r.ExperimentId, r => r.Runs), ct);
}
