using System.Data.Common;
using System.Security.Cryptography;
using Telco.InsightPortal.Core.Audit;
using Telco.InsightPortal.Core.Evidence;
using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.Data.Evidence;
using Telco.InsightPortal.Data.Registry;
using Telco.InsightPortal.Data.Store;
using Telco.InsightPortal.Data.Tracking;

namespace Telco.InsightPortal.Bench.Evidence;

/// <summary>A version whose history has <c>cited</c> audit entries (tag changes, as a busy pipeline makes), interleaved
/// with <c>others</c> entries about other things that the chain file must carry between them; then the pack is built
/// three times, as the endpoint builds it (into a file), and verified once.</summary>
internal static class PackBench
{
    private static readonly AuditActor Dora = new("dora");

    public static async Task RunAsync(string label, IConnectionFactory factory, string dir, int cited, int others)
    {
        await new MigrationRunner(factory).ApplyAsync();
        var trail = new AuditTrail(factory, TimeProvider.System);
        var artifacts = Path.Combine(dir, label, "artifacts");
        await RegisterAsync(factory, trail, artifacts);
        var (_, seeded) = await Timing.TimeAsync(async () => { await ChainAsync(factory, cited, others); return 0; });
        Console.WriteLine($"{label}: appended {cited:N0} entries about churn/1 and {others:N0} others in {seeded:0.0} s");

        var key = CheckpointKey.Generate();
        var packs = new EvidencePacks(factory, new EvidenceFacts(factory, TimeProvider.System), trail, new AuditCheckpoints(factory, key, TimeProvider.System), key);
        var file = Path.Combine(dir, label + ".zip");
        for (var run = 1; run <= 3; run++)
        {
            var (info, seconds) = await Timing.TimeAsync(async () =>
            {
                await using var output = File.Create(file);
                return await packs.BuildAsync("churn", 1, new AuditActor("otto"), output);
            });
            Console.WriteLine($"{label}: build run {run}: {seconds:0.000} s — {info.CitedEntries:N0} cited entries, chain file seq {info.FirstSeq:N0}–{info.CheckpointSeq:N0} " +
                $"({info.CheckpointSeq - info.FirstSeq + 1:N0} entries), zip {new FileInfo(file).Length / 1048576.0:0.0} MiB; documents {info.Phases.Documents.TotalSeconds:0.00} s, " +
                $"record and sign {info.Phases.Signing.TotalSeconds:0.00} s, zip {info.Phases.Zip.TotalSeconds:0.00} s");
        }
        var (result, verify) = await Timing.TimeAsync(() => { using var input = File.OpenRead(file); return Task.FromResult(PackVerifier.Verify(input, key.PublicKey.Fingerprint)); });
        Console.WriteLine($"{label}: offline verification {verify:0.000} s: {(result.Ok ? "verified" : result.Message)}");
    }

    private static async Task RegisterAsync(IConnectionFactory factory, AuditTrail trail, string artifacts)
    {
        var tracking = new TrackingStore(factory, trail, TimeProvider.System);
        var registry = new RegistryStore(factory, trail, TimeProvider.System);
        var run = await tracking.CreateRunAsync(0, "dora", null, null, [new("dataset", "telco-churn"), new("snapshot_id", "1")], Dora);
        var runId = run.Info.RunId;
        Directory.CreateDirectory(Path.Combine(artifacts, "runs", runId));
        var bytes = RandomNumberGenerator.GetBytes(4096);
        await File.WriteAllBytesAsync(Path.Combine(artifacts, "runs", runId, "model.zip"), bytes);
        await tracking.SetTagAsync(runId, new("artifact.model.zip.sha256", Convert.ToHexStringLower(SHA256.HashData(bytes))));
        await tracking.LogParamAsync(runId, new TrackingParam("trainer", "logistic"));
        await tracking.UpdateRunAsync(runId, "FINISHED", 1, null, Dora);
        await registry.CreateModelAsync("churn", "Churn propensity", [], Dora);
        await registry.CreateVersionAsync("churn", ModelSources.Resolve($"runs:/{runId}/model", artifacts), "Rank customers by churn risk", [], Dora);
    }

    /// <summary>Continues the chain from its head in one transaction with one prepared insert, each entry sealed exactly
    /// as <see cref="AuditTrail"/> seals it: one about the version, then every so often one about something else.</summary>
    private static async Task ChainAsync(IConnectionFactory factory, int cited, int others)
    {
        await using var write = await factory.BeginWriteAsync();
        var (connection, tx) = (write.Connection, write.Transaction);
        var (seq, prev) = await HeadAsync(connection, tx);
        await using var insert = connection.CreateCommand();
        insert.Transaction = tx;
        insert.CommandText = """
            INSERT INTO audit_entries (seq, at, actor, source_ip, user_agent, action, target_type, target_id, outcome, details, correlation_id, prev_hash, hash)
            VALUES (@seq, @at, @actor, @ip, @ua, @action, @tt, @tid, @outcome, @details, @corr, @prev, @hash)
            """;
        var names = new[] { "seq", "at", "actor", "ip", "ua", "action", "tt", "tid", "outcome", "details", "corr", "prev", "hash" };
        var p = names.Select(n => { var x = insert.CreateParameter(); x.ParameterName = n; insert.Parameters.Add(x); return x; }).ToArray();
        var start = DateTimeOffset.UtcNow.AddDays(-30);
        var total = cited + others;
        var otherEvery = others == 0 ? int.MaxValue : Math.Max(2, total / others);
        var (citedLeft, othersLeft) = (cited, others);
        for (var i = 1; i <= total; i++)
        {
            seq++;
            var about = citedLeft > 0 && (othersLeft == 0 || i % otherEvery != 0);
            if (about) citedLeft--;
            else othersLeft--;
            var actor = new AuditActor("user" + seq % 50, "10.0." + seq % 256 + "." + seq % 200, "Mozilla/5.0 (X11; Linux x86_64) bench", "00-" + seq.ToString("x32") + "-01");
            var e = AuditEntry.Create(seq, start.AddMilliseconds(seq * 2), actor, about
                ? new AuditEvent("model.version.tag.set", "model_version", "churn/1", Details: new { key = "checked-" + seq % 100 })
                : new AuditEvent("user.signin", "user", "user" + seq % 50), prev);
            object?[] values = [e.Seq, e.At, e.Actor, e.SourceIp, e.UserAgent, e.Action, e.TargetType, e.TargetId, e.Outcome, e.Details, e.CorrelationId, e.PrevHash, e.Hash];
            for (var j = 0; j < values.Length; j++) p[j].Value = values[j] ?? DBNull.Value;
            await insert.ExecuteNonQueryAsync();
            prev = e.Hash;
        }
        await using var head = connection.CreateCommand();
        head.Transaction = tx;
        head.CommandText = "UPDATE audit_head SET seq = @seq, hash = @hash WHERE id = 1";
        var s = head.CreateParameter(); s.ParameterName = "seq"; s.Value = seq; head.Parameters.Add(s);
        var h = head.CreateParameter(); h.ParameterName = "hash"; h.Value = prev; head.Parameters.Add(h);
        await head.ExecuteNonQueryAsync();
        await write.CommitAsync();
    }

    private static async Task<(long Seq, string Hash)> HeadAsync(DbConnection connection, DbTransaction tx)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = "SELECT seq, hash FROM audit_head WHERE id = 1";
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetString(1));
    }
}
