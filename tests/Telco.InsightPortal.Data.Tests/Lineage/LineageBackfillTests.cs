using Dapper;
using Telco.InsightPortal.Core.Lineage;
using Telco.InsightPortal.Data.Lineage;
using Telco.InsightPortal.Data.Store;
using Telco.InsightPortal.TestSupport;

namespace Telco.InsightPortal.Data.Tests.Lineage;

/// <summary>Migration 0019 on a store that already holds a dataset's life: the edges are backfilled from the tables, so
/// lineage reaches back before the migration.</summary>
public sealed class LineageBackfillTests
{
    private const string Rows = """
        INSERT INTO datasets (id, name, created_at, created_by) VALUES (1, 'customers', @At, 'dora');
        INSERT INTO snapshots (id, dataset_id, parent_id, committed_at, committed_by, operation, rows_added, rows_skipped, total_rows, row_start, row_end, content_hash, source)
        VALUES (1, 1, NULL, @At, 'dora', 'append', 2, 0, 2, 1, 3, 'h1', 'upload:first.csv'),
               (2, 1, 1, @At, 'dora', 'append', 1, 0, 3, 1, 4, 'h2', 'api'),
               (3, 1, 2, @At, 'dora', 'replace', 1, 0, 1, 4, 5, 'h3', 'api');
        INSERT INTO runs (run_id, experiment_id, run_name, user_id, status, start_time, artifact_uri)
        VALUES ('run-a', 0, 'a', 'dora', 'FINISHED', 1000, 'x'), ('run-b', 0, 'b', 'dora', 'FINISHED', 1000, 'x');
        INSERT INTO run_tags (run_id, key, value) VALUES ('run-a', 'snapshot_id', '2'), ('run-b', 'snapshot_id', '3');
        INSERT INTO registered_models (model_id, name, created_by, creation_time, last_updated_time) VALUES (1, 'churn', 'dora', 1000, 1000);
        INSERT INTO model_versions (model_id, version, source, run_id, model_path, model_sha256, created_by, creation_time, last_updated_time)
        VALUES (1, 1, 'runs:/run-a/model', 'run-a', 'm', 'aa', 'dora', 2000, 2000), (1, 2, 'runs:/run-b/model', 'run-b', 'm', 'bb', 'dora', 2000, 2000);
        INSERT INTO model_approvals (approval_id, model_id, version, target_kind, target, requested_by, requested_at, status, decided_by, decided_at)
        VALUES (1, 1, 1, 'stage', 'Production', 'dora', 2500, 'approved', 'carol', 2600);
        INSERT INTO deployments (id, name, engines_per_process, status, generation, revision, created_by, created_at, updated_at)
        VALUES (1, 'churn-prod', 1, 'active', 2, 2, 'dora', 3000, 3000);
        INSERT INTO deployment_targets (deployment_id, generation, model, version, run_id, model_path, sha256, weight, created_at)
        VALUES (1, 1, 'churn', '1', 'run-a', 'm', 'aa', 100, 3000), (1, 2, 'churn', '1', 'run-a', 'm', 'aa', 100, 4000);
        INSERT INTO app_bindings (app_id, deployment_id, bound_by, bound_at) VALUES ('churn-explorer', 1, 'dora', 5000);
        """;

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task TheMigrationBackfillsWhatTheStoreAlreadyHolds(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider, migrate: false);
        var runner = new MigrationRunner(store.Factory);
        await runner.ApplyAsync(through: 17);
        var at = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
        await using (var c = await store.Factory.OpenAsync()) await c.ExecuteAsync(Rows, new { At = at });

        await runner.ApplyAsync();
        var lineage = new LineageStore(store.Factory, new LineageOptions());
        var impact = await lineage.GraphAsync(LineageNodeTypes.Snapshot, "1", LineageDirection.Downstream, 10);
        var upstream = await lineage.GraphAsync(LineageNodeTypes.App, "churn-explorer", LineageDirection.Upstream, 10);

        Assert.Equal(["app/churn-explorer", "deployment/churn-prod", "model-version/churn/1", "run/run-a", "snapshot/1", "snapshot/2"],
            impact!.Nodes.Select(n => n.Key).Order(StringComparer.Ordinal));
        Assert.Contains(upstream!.Edges, e => e is { From: "person/carol", To: "model-version/churn/1", Kind: LineageEdgeKinds.ApprovedBy, At: 2600 });
        Assert.Contains(upstream.Edges, e => e is { From: "model-version/churn/1", To: "deployment/churn-prod", At: 3000, Actor: "dora" });
        var file = upstream.Edges.Single(e => e is { Kind: LineageEdgeKinds.IngestedFrom, To: "snapshot/1" });
        Assert.Equal(("source-file/snapshot-1", at.ToUnixTimeMilliseconds()), (file.From, file.At));
        Assert.Equal("upload:first.csv", upstream.Nodes.Single(n => n.Key == "source-file/snapshot-1").Label);
    }
}
