using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Telco.InsightPortal.Core.Audit;
using Telco.InsightPortal.Core.Data.Generators;
using Telco.InsightPortal.Core.Data.Ingestion;
using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.Data.Datasets;
using Telco.InsightPortal.Data.Store;

// Usage: Telco.InsightPortal.Bench.Audit [entries=1000000] [ingests=20] [rows=5000]
var entries = args.Length > 0 ? long.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
var ingests = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20;
var rows = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5000;
var dir = Path.Combine(Path.GetTempPath(), "telco-bench-audit", Guid.NewGuid().ToString("N"));
Directory.CreateDirectory(dir);
DapperSetup.Configure();
try
{
    await VerifyBench.RunAsync(Path.Combine(dir, "verify.db"), entries);
    await OverheadBench.RunAsync(dir, ingests, rows);
}
finally
{
    SqliteConnection.ClearAllPools();
    Directory.Delete(dir, recursive: true);
}

internal static class VerifyBench
{
    public static async Task RunAsync(string file, long count)
    {
        var factory = new SqliteConnectionFactory($"Data Source={file}");
        await new MigrationRunner(factory).ApplyAsync();
        var clock = Stopwatch.StartNew();
        BulkCreate(factory, count);
        Console.WriteLine($"created {count:N0} chained entries in {clock.Elapsed.TotalSeconds:0.00} s");
        var key = CheckpointKey.Generate();
        await new AuditCheckpoints(factory, key, TimeProvider.System).WriteAsync();
        clock.Restart();
        var read = ReadOnly(factory);
        Console.WriteLine($"read-only walk (the floor: SQLite reading the same columns, no hashing): {read:N0} rows in {clock.Elapsed.TotalSeconds:0.000} s");
        var verifier = new AuditVerifier(factory, key);
        for (var run = 1; run <= 3; run++)
        {
            clock.Restart();
            var result = await verifier.VerifyAsync();
            clock.Stop();
            Console.WriteLine($"verify run {run}: ok={result.Ok} entries={result.Entries:N0} in {clock.Elapsed.TotalSeconds:0.000} s " +
                $"= {result.Entries / clock.Elapsed.TotalSeconds:N0} entries/s ({result.Reason})");
        }
    }

    private static long ReadOnly(IConnectionFactory factory)
    {
        using var connection = factory.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT seq, at, actor, source_ip, user_agent, action, target_type, target_id, outcome, details, correlation_id, prev_hash, hash FROM audit_entries ORDER BY seq";
        using var reader = command.ExecuteReader();
        var n = 0L;
        while (reader.Read())
        {
            for (var i = 1; i < 13; i++) _ = reader.IsDBNull(i) ? null : reader.GetString(i);
            n++;
        }
        return n;
    }

    // One transaction and one prepared statement: the chain is built exactly as AuditTrail would, only faster.
    private static void BulkCreate(IConnectionFactory factory, long count)
    {
        using var connection = factory.Open();
        using var tx = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.Transaction = tx;
        insert.CommandText = """
            INSERT INTO audit_entries (seq, at, actor, source_ip, user_agent, action, target_type, target_id, outcome, details, correlation_id, prev_hash, hash)
            VALUES ($seq, $at, $actor, $ip, $ua, $action, $tt, $tid, $outcome, $details, $corr, $prev, $hash)
            """;
        var names = new[] { "$seq", "$at", "$actor", "$ip", "$ua", "$action", "$tt", "$tid", "$outcome", "$details", "$corr", "$prev", "$hash" };
        var p = names.Select(n => { var x = insert.CreateParameter(); x.ParameterName = n; insert.Parameters.Add(x); return x; }).ToArray();
        insert.Prepare();
        var prev = AuditHash.Genesis;
        var start = DateTimeOffset.UtcNow.AddDays(-30);
        for (var seq = 1L; seq <= count; seq++)
        {
            var actor = new AuditActor("user" + seq % 50, "10.0." + seq % 256 + "." + seq % 200, "Mozilla/5.0 (X11; Linux x86_64) bench", "00-" + seq.ToString("x32") + "-01");
            var e = AuditEntry.Create(seq, start.AddMilliseconds(seq * 2), actor,
                new AuditEvent("snapshot.commit", "dataset", "dataset-" + seq % 20, seq % 97 == 0 ? AuditOutcomes.Failure : AuditOutcomes.Success,
                    new { snapshotId = seq, rowsAdded = 5000, rowsSkipped = 0, contentHash = "ab12cd34", source = "upload", mode = "append" }), prev);
            object?[] values = [e.Seq, e.At, e.Actor, e.SourceIp, e.UserAgent, e.Action, e.TargetType, e.TargetId, e.Outcome, e.Details, e.CorrelationId, e.PrevHash, e.Hash];
            for (var i = 0; i < values.Length; i++) p[i].Value = values[i] ?? DBNull.Value;
            insert.ExecuteNonQuery();
            prev = e.Hash;
        }
        using var head = connection.CreateCommand();
        head.Transaction = tx;
        head.CommandText = "UPDATE audit_head SET seq = $seq, hash = $hash WHERE id = 1";
        head.Parameters.Add(new SqliteParameter("$seq", count));
        head.Parameters.Add(new SqliteParameter("$hash", prev));
        head.ExecuteNonQuery();
        tx.Commit();
    }
}

internal static class OverheadBench
{
    public static async Task RunAsync(string dir, int ingests, int rows)
    {
        var real = await WriterAsync(Path.Combine(dir, "real.db"), factory => new AuditTrail(factory, TimeProvider.System));
        var noop = await WriterAsync(Path.Combine(dir, "noop.db"), _ => new NoAudit());
        var generator = GeneratorCatalog.BuiltIn.Find("telco-churn")!;
        // Warm-up (JIT, page cache), not counted.
        await IngestAsync(real, generator, rows, -1);
        await IngestAsync(noop, generator, rows, -1);
        var times = new Dictionary<string, List<double>> { ["real"] = [], ["noop"] = [] };
        for (var i = 0; i < ingests; i++)
        {
            // Alternate which goes first so drift in machine load falls on both alike.
            var order = i % 2 == 0 ? new[] { ("real", real), ("noop", noop) } : [("noop", noop), ("real", real)];
            foreach (var (name, writer) in order) times[name].Add(await IngestAsync(writer, generator, rows, i));
        }
        var realTotal = times["real"].Sum();
        var noopTotal = times["noop"].Sum();
        Console.WriteLine($"ingest {ingests} x {rows:N0} rows: real audit {realTotal:0.000} s (median {Median(times["real"]) * 1000:0.0} ms), " +
            $"no-op audit {noopTotal:0.000} s (median {Median(times["noop"]) * 1000:0.0} ms)");
        Console.WriteLine($"audit overhead: total {(realTotal / noopTotal - 1) * 100:0.00} %, median {(Median(times["real"]) / Median(times["noop"]) - 1) * 100:0.00} %");
    }

    private static async Task<SnapshotWriter> WriterAsync(string file, Func<IConnectionFactory, IAuditTrail> audit)
    {
        var factory = new SqliteConnectionFactory($"Data Source={file}");
        await new MigrationRunner(factory).ApplyAsync();
        return new SnapshotWriter(factory, new IngestLimits(), TimeProvider.System, audit(factory));
    }

    private static async Task<double> IngestAsync(SnapshotWriter writer, IDataGenerator generator, int rows, int batch)
    {
        await using var csv = new GeneratorCsvStream(generator, new GeneratorRequest(rows, 42) with { Batch = batch + 1 });
        var clock = Stopwatch.StartNew();
        var result = await writer.IngestAsync("bench", csv, new IngestOptions
        {
            Actor = new Who("bench", "127.0.0.1", "bench"), Generator = generator.Name, Schema = generator.Schema, Source = "bench",
        });
        clock.Stop();
        if (!result.Committed) throw new InvalidOperationException(result.Message);
        return clock.Elapsed.TotalSeconds;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private sealed class NoAudit : IAuditTrail
    {
        public void Append(DbConnection connection, DbTransaction transaction, AuditActor actor, AuditEvent entry) { }

        public Task AppendAsync(DbConnection connection, DbTransaction transaction, AuditActor actor, AuditEvent entry, CancellationToken ct = default) => Task.CompletedTask;

        public Task AppendAsync(AuditActor actor, AuditEvent entry, CancellationToken ct = default) => Task.CompletedTask;
    }
}
