using System.Collections.Concurrent;
using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;
using SQLitePCL;
using Telco.InsightPortal.Data.Store;

namespace Telco.InsightPortal.Data.Deployments;

public sealed partial class DeploymentStore
{
    public const int MaxLabelsPerCall = 10_000;

    /// <summary>The longest id (customerID, device_id) a prediction carries: what serving accepts, the log stores and
    /// labels and searches look for.</summary>
    public const int MaxEntityIdLength = 128;

    /// <summary>Rows logged before migration 0009 took their created_at a moment after their id; windows reach this
    /// far past their ends in id terms so those rows still fall in, and created_at then trims them exactly.</summary>
    private const long IdSlackMilliseconds = 60_000;

    /// <summary>Layout ids by layout, filled after the transaction that made or found them commits.</summary>
    private readonly ConcurrentDictionary<PredictionLayout, long> _layoutIds = new();

    /// <summary>Writes one batch of the prediction log and the counters it carries, in one transaction. Not audited:
    /// predictions are the deployment's data, not changes of state.</summary>
    public async Task WritePredictionsAsync(IReadOnlyList<LoggedPrediction> predictions, IReadOnlyList<CounterDelta> counters, CancellationToken ct = default)
    {
        await using var write = await factory.BeginWriteAsync(ct);
        var (c, tx) = (write.Connection, write.Transaction);
        var found = new Dictionary<PredictionLayout, long>();
        foreach (var layout in predictions.Select(p => p.Layout).Distinct())
            if (!_layoutIds.ContainsKey(layout)) found[layout] = await EnsureLayoutAsync(c, tx, layout, ct);
        long LayoutId(PredictionLayout layout) => found.TryGetValue(layout, out var id) ? id : _layoutIds[layout];
        if (predictions.Count > 0)
        {
            if (c is NpgsqlConnection pg) await CopyPredictionsAsync(pg, predictions, LayoutId, ct);
            else InsertPredictions((SqliteConnection)c, predictions, LayoutId);
        }
        foreach (var delta in counters)
        {
            await c.ExecuteAsync(new CommandDefinition(PredictionSql.AddCounters, delta, tx, cancellationToken: ct));
            await c.ExecuteAsync(new CommandDefinition(PredictionSql.AddMinute, delta, tx, cancellationToken: ct));
        }
        await tx.CommitAsync(ct);
        foreach (var (layout, id) in found) _layoutIds[layout] = id;
    }

    private static async Task<long> EnsureLayoutAsync(DbConnection c, DbTransaction tx, PredictionLayout layout, CancellationToken ct)
    {
        await c.ExecuteAsync(new CommandDefinition(PredictionSql.EnsureLayout, layout, tx, cancellationToken: ct));
        return await c.ExecuteScalarAsync<long>(new CommandDefinition(PredictionSql.LayoutId, layout, tx, cancellationToken: ct));
    }

    /// <summary>
    /// The log writer's hot loop on SQLite, one prepared statement stepped per row through SQLite's own API:
    /// parameters bound by position straight from the row's UTF-8 bytes and a stack copy of its id, where the ADO.NET
    /// command would look each parameter up by name, convert the inputs to UTF-16 and back, and build a data reader
    /// per row. It runs inside the batch's transaction on the same connection.
    /// </summary>
    private static void InsertPredictions(SqliteConnection c, IReadOnlyList<LoggedPrediction> predictions, Func<PredictionLayout, long> layoutId)
    {
        var db = c.Handle!;
        Check(raw.sqlite3_prepare_v2(db, PredictionSql.Insert, out var statement), db);
        using (statement)
        {
            Span<byte> uuid = stackalloc byte[16];
            foreach (var p in predictions)
            {
                p.Uuid.TryWriteBytes(uuid, bigEndian: true, out _);
                raw.sqlite3_bind_int64(statement, 1, p.Layout.DeploymentId);
                raw.sqlite3_bind_blob(statement, 2, uuid);
                raw.sqlite3_bind_int64(statement, 3, layoutId(p.Layout));
                raw.sqlite3_bind_int64(statement, 4, PredictionIds.Milliseconds(p.Uuid));
                raw.sqlite3_bind_double(statement, 5, p.LatencyMs);
                raw.sqlite3_bind_text(statement, 6, p.Inputs.Span);
                raw.sqlite3_bind_double(statement, 7, p.Probability);
                raw.sqlite3_bind_int64(statement, 8, p.Label);
                if (p.EntityId is null) raw.sqlite3_bind_null(statement, 9);
                else raw.sqlite3_bind_text(statement, 9, p.EntityId);
                var done = raw.sqlite3_step(statement);
                if (done != raw.SQLITE_DONE) Check(done, db);
                raw.sqlite3_reset(statement);
            }
        }
    }

    private static void Check(int result, sqlite3 db)
    {
        if (result != raw.SQLITE_OK && result != raw.SQLITE_DONE) SqliteException.ThrowExceptionForRC(result, db);
    }

    /// <summary>On PostgreSQL the batch goes in by binary COPY inside the batch's transaction.</summary>
    private static async Task CopyPredictionsAsync(NpgsqlConnection c, IReadOnlyList<LoggedPrediction> predictions, Func<PredictionLayout, long> layoutId, CancellationToken ct)
    {
        await using var copy = await c.BeginBinaryImportAsync(PredictionSql.CopyIn, ct);
        foreach (var p in predictions)
        {
            await copy.StartRowAsync(ct);
            await copy.WriteAsync(p.Layout.DeploymentId, NpgsqlDbType.Bigint, ct);
            await copy.WriteAsync(p.Uuid, NpgsqlDbType.Uuid, ct);
            await copy.WriteAsync(layoutId(p.Layout), NpgsqlDbType.Bigint, ct);
            await copy.WriteAsync(PredictionIds.Milliseconds(p.Uuid), NpgsqlDbType.Bigint, ct);
            await copy.WriteAsync(p.LatencyMs, NpgsqlDbType.Double, ct);
            await copy.WriteAsync(System.Text.Encoding.UTF8.GetString(p.Inputs.Span), NpgsqlDbType.Text, ct);
            await copy.WriteAsync((double)p.Probability, NpgsqlDbType.Double, ct);
            await copy.WriteAsync((short)p.Label, NpgsqlDbType.Smallint, ct);
            if (p.EntityId is null) await copy.WriteNullAsync(ct);
            else await copy.WriteAsync(p.EntityId, NpgsqlDbType.Text, ct);
        }
        await copy.CompleteAsync(ct);
    }

    /// <summary>Stores delayed ground truth for the deployment's logged predictions, each label for one prediction (by
    /// uuid) or for every prediction about one entity in a window (by id). Uuids and ids that match nothing (or uuids
    /// that are not uuids at all) are reported back; <see cref="LabelOutcome.Stored"/> counts predictions labelled.</summary>
    public async Task<LabelOutcome> AddLabelsAsync(DeploymentRecord deployment, IReadOnlyList<DelayedLabel> labels, CancellationToken ct = default)
    {
        await using var write = await factory.BeginWriteAsync(ct);
        var (c, tx) = (write.Connection, write.Transaction);
        var unknown = new List<string>();
        var stored = 0;
        foreach (var label in labels)
        {
            var labelled = label.EntityId is { } entity
                ? await c.ExecuteAsync(new CommandDefinition(PredictionSql.UpsertEntityLabels,
                    new { deployment.Id, EntityId = entity, label.Label, Now, From = label.From ?? 0, To = label.To ?? long.MaxValue }, tx, cancellationToken: ct))
                : await LabelOneAsync(c, tx, deployment, label, ct);
            if (labelled == 0) unknown.Add(label.EntityId ?? label.Uuid ?? "");
            stored += labelled;
        }
        await tx.CommitAsync(ct);
        return new LabelOutcome(stored, unknown);
    }

    private async Task<int> LabelOneAsync(DbConnection c, DbTransaction tx, DeploymentRecord deployment, DelayedLabel label, CancellationToken ct)
    {
        var key = Guid.TryParse(label.Uuid, out var id) ? PredictionIds.ToStore(id, factory.Provider) : null;
        if (key is null || await c.ExecuteScalarAsync<long>(new CommandDefinition(PredictionSql.Exists, new { deployment.Id, Uuid = key }, tx, cancellationToken: ct)) == 0)
            return 0;
        await c.ExecuteAsync(new CommandDefinition(PredictionSql.UpsertLabel, new { deployment.Id, Uuid = key, label.Label, Now }, tx, cancellationToken: ct));
        return 1;
    }

    /// <summary>One page of the deployment's predictions, newest first: those about <see cref="PredictionQuery.EntityId"/>
    /// at any time when it is set, otherwise those since <see cref="PredictionQuery.From"/>; each page continues below
    /// the previous page's last row.</summary>
    public async Task<PredictionPage> PredictionPageAsync(DeploymentRecord deployment, PredictionQuery query, CancellationToken ct = default)
    {
        var limit = Math.Clamp(query.Limit, 1, 1_000);
        var before = PredictionIds.ToStore(query.Before?.Uuid ?? Guid.AllBitsSet, factory.Provider);
        await using var c = await factory.OpenAsync(ct);
        var rows = query.EntityId is { } entity
            ? await c.QueryAsync<StoredPrediction>(new CommandDefinition(PredictionSql.EntityPage,
                new { deployment.Id, EntityId = entity, BeforeAt = query.Before?.CreatedAt ?? long.MaxValue, BeforeKey = before, Limit = limit + 1 },
                cancellationToken: ct))
            : await c.QueryAsync<StoredPrediction>(new CommandDefinition(PredictionSql.Page, new
            {
                deployment.Id, query.From, BeforeKey = before, Limit = limit + 1,
                FromKey = PredictionIds.ToStore(PredictionIds.Bound(SaturatingAdd(query.From, -IdSlackMilliseconds)), factory.Provider),
            }, cancellationToken: ct));
        var records = rows.Select(r => r.ToRecord()).ToList();
        return new PredictionPage([.. records.Take(limit)], records.Count > limit);
    }

    /// <summary>Up to <paramref name="limit"/> of the newest predictions <paramref name="modelVersion"/> ("model/version")
    /// made for the deployment whose delayed label has arrived: (probability, label).</summary>
    public async Task<IReadOnlyList<(double Score, int Label)>> LabelledPredictionsAsync(DeploymentRecord deployment, string modelVersion, int limit,
        CancellationToken ct = default)
    {
        await using var c = await factory.OpenAsync(ct);
        var rows = await c.QueryAsync<(double Score, int Label)>(new CommandDefinition(PredictionSql.Labelled,
            new { deployment.Id, ModelVersion = modelVersion, Limit = limit }, cancellationToken: ct));
        return rows.AsList();
    }

    /// <summary>The deployment's predictions in [from, to) (ms since the epoch), newest first, with their delayed labels.</summary>
    public async Task<IReadOnlyList<PredictionRecord>> PredictionsAsync(DeploymentRecord deployment, long from, long to, int limit, CancellationToken ct = default)
    {
        await using var c = await factory.OpenAsync(ct);
        var rows = await c.QueryAsync<StoredPrediction>(new CommandDefinition(PredictionSql.InWindow, Window(deployment, from, to, limit), cancellationToken: ct));
        return rows.Select(r => r.ToRecord()).ToList();
    }

    /// <summary>(time, latency) of the deployment's logged predictions since <paramref name="from"/>, newest first, at
    /// most <paramref name="limit"/>: what the deployment page buckets into its latency and traffic charts.</summary>
    public async Task<IReadOnlyList<LatencyPoint>> LatencyPointsAsync(DeploymentRecord deployment, long from, int limit, CancellationToken ct = default)
    {
        await using var c = await factory.OpenAsync(ct);
        return (await c.QueryAsync<LatencyPoint>(new CommandDefinition(PredictionSql.LatencyPoints, Window(deployment, from, long.MaxValue, limit), cancellationToken: ct))).ToList();
    }

    /// <summary>Requests, failures and drops per minute since <paramref name="from"/> (ms since the epoch), oldest first.</summary>
    public async Task<IReadOnlyList<MinuteCounts>> MinutesAsync(DeploymentRecord deployment, long from, CancellationToken ct = default)
    {
        await using var c = await factory.OpenAsync(ct);
        return (await c.QueryAsync<MinuteCounts>(new CommandDefinition(PredictionSql.Minutes, new { deployment.Id, From = from / 60_000 }, cancellationToken: ct))).ToList();
    }

    private object Window(DeploymentRecord deployment, long from, long to, int limit) => new
    {
        deployment.Id, From = from, To = to, Limit = limit,
        FromKey = PredictionIds.ToStore(PredictionIds.Bound(SaturatingAdd(from, -IdSlackMilliseconds)), factory.Provider),
        ToKey = PredictionIds.ToStore(PredictionIds.Bound(SaturatingAdd(to, IdSlackMilliseconds)), factory.Provider),
    };

    private static long SaturatingAdd(long value, long delta)
    {
        var sum = value + delta;
        return ((value ^ sum) & (delta ^ sum)) < 0 ? (delta > 0 ? long.MaxValue : long.MinValue) : sum;
    }
}
