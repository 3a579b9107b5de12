using System.Data.Common;
using Dapper;
using Telco.InsightPortal.Data.Store;

namespace Telco.InsightPortal.Data.Deployments;

public sealed partial class DeploymentStore
{
    public const int MaxLabelsPerCall = 10_000;

    /// <summary>Writes one batch of the prediction log and the counters it carries, in one transaction. Not audited:
    /// predictions are the deployment's data, not changes of state.</summary>
    public async Task WritePredictionsAsync(IReadOnlyList<PredictionRecord> predictions, IReadOnlyList<CounterDelta> counters, CancellationToken ct = default)
    {
        await using var c = await factory.OpenAsync(ct);
        await using var tx = StoreTransactions.BeginWrite(c);
        if (predictions.Count > 0) await InsertPredictionsAsync(c, tx, predictions, ct);
        foreach (var delta in counters)
            await c.ExecuteAsync(new CommandDefinition(DeploymentSql.AddCounters, delta, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
    }

    /// <summary>One prepared statement for the whole batch, its parameters rebound per row: the log writer's hot loop,
    /// several times cheaper than a command per row.</summary>
    private static async Task InsertPredictionsAsync(DbConnection c, DbTransaction tx, IReadOnlyList<PredictionRecord> predictions, CancellationToken ct)
    {
        await using var command = c.CreateCommand();
        command.Transaction = tx;
        command.CommandText = DeploymentSql.InsertPrediction;
        var uuid = Add(command, "Uuid");
        var deployment = Add(command, "DeploymentId");
        var version = Add(command, "ModelVersion");
        var created = Add(command, "CreatedAt");
        var latency = Add(command, "LatencyMs");
        var inputs = Add(command, "Inputs");
        var probability = Add(command, "Probability");
        var label = Add(command, "Label");
        foreach (var p in predictions)
        {
            uuid.Value = p.Uuid;
            deployment.Value = p.DeploymentId;
            version.Value = p.ModelVersion;
            created.Value = p.CreatedAt;
            latency.Value = p.LatencyMs;
            inputs.Value = p.Inputs;
            probability.Value = p.Probability;
            label.Value = (short)p.Label;
            if (p == predictions[0]) await command.PrepareAsync(ct);
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    private static DbParameter Add(DbCommand command, string name)
    {
        var p = command.CreateParameter();
        p.ParameterName = name;
        command.Parameters.Add(p);
        return p;
    }

    /// <summary>Stores delayed ground truth for the deployment's logged predictions; uuids it never logged are reported back.</summary>
    public async Task<LabelOutcome> AddLabelsAsync(DeploymentRecord deployment, IReadOnlyList<DelayedLabel> labels, CancellationToken ct = default)
    {
        await using var c = await factory.OpenAsync(ct);
        await using var tx = StoreTransactions.BeginWrite(c);
        var unknown = new List<string>();
        var stored = 0;
        foreach (var label in labels)
        {
            var exists = await c.ExecuteScalarAsync<long>(new CommandDefinition(DeploymentSql.PredictionExists, new { label.Uuid, deployment.Id }, tx, cancellationToken: ct)) > 0;
            if (!exists) { unknown.Add(label.Uuid); continue; }
            await c.ExecuteAsync(new CommandDefinition(DeploymentSql.UpsertLabel, new { label.Uuid, label.Label, Now }, tx, cancellationToken: ct));
            stored++;
        }
        await tx.CommitAsync(ct);
        return new LabelOutcome(stored, unknown);
    }

    /// <summary>The deployment's predictions in [from, to) (ms since the epoch), newest first, with their delayed labels.</summary>
    public async Task<IReadOnlyList<PredictionRecord>> PredictionsAsync(DeploymentRecord deployment, long from, long to, int limit, CancellationToken ct = default)
    {
        await using var c = await factory.OpenAsync(ct);
        return (await c.QueryAsync<PredictionRecord>(new CommandDefinition(DeploymentSql.PredictionsInWindow,
            new { deployment.Id, From = from, To = to, Limit = limit }, cancellationToken: ct))).ToList();
    }

    /// <summary>Latencies (ms) of the newest logged predictions since <paramref name="from"/>, at most <paramref name="limit"/>.</summary>
    public async Task<double[]> RecentLatenciesAsync(DeploymentRecord deployment, long from, int limit, CancellationToken ct = default)
    {
        await using var c = await factory.OpenAsync(ct);
        return (await c.QueryAsync<double>(new CommandDefinition(DeploymentSql.RecentLatencies, new { deployment.Id, From = from, Limit = limit }, cancellationToken: ct))).ToArray();
    }
}
