using System.Data.Common;
using System.Globalization;
using Dapper;
using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.Data.Store;
using static Telco.InsightPortal.Data.Store.StoreSession;

namespace Telco.InsightPortal.Data.Tracking;

/// <summary>Leases on the runs an instance trains: the owner renews them, ends its runs only while it holds them, and
/// any other instance fails a run whose lease has expired.</summary>
public sealed partial class TrackingStore
{
    /// <summary>Extends the leases of the runs <paramref name="owner"/> trains (<paramref name="runIds"/>) and returns
    /// them with their cancel requests. A run missing from the answer is no longer the owner's: it ended, or its lease
    /// expired and another instance failed it. A run of the owner's that it no longer trains (its end could not be
    /// recorded) is not renewed, so it expires like a dead instance's. Not audited: nothing a person did.</summary>
    public Task<IReadOnlyList<HeldRun>> RenewLeasesAsync(string owner, IReadOnlyCollection<string> runIds, TimeSpan lease, CancellationToken ct = default) =>
        _db.WriteAsync<IReadOnlyList<HeldRun>>(null, async (c, tx) =>
        {
            var expiresAt = await StoreNowAsync(c, tx, ct) + (long)lease.TotalMilliseconds;
            var held = await c.QueryAsync<(string RunId, string? CancelRequestedBy)>(
                Command(_db.InList(RunLeaseSql.Renew), new { Owner = owner, Ids = runIds.ToList(), ExpiresAt = expiresAt }, tx, ct));
            return (held.Select(h => new HeldRun(h.RunId, ActorJson.Read(h.CancelRequestedBy))).ToList(), null);
        }, ct);

    /// <summary>Fails every scheduled or running run whose lease has expired, each with an <c>error</c> tag naming the
    /// owner, audited as the system's status change — except the runs the caller is training
    /// (<paramref name="trainingHere"/>): an instance alive enough to look is alive enough to renew them.</summary>
    public async Task<IReadOnlyList<ExpiredRun>> FailExpiredRunsAsync(IReadOnlyCollection<string> trainingHere, CancellationToken ct = default)
    {
        var candidates = await _db.ReadAsync(async c => (await c.QueryAsync<(string RunId, string Owner, long ExpiredAt, string Status)>(
            Command(RunLeaseSql.Expired, new { Now = await StoreNowAsync(c, null, ct) }, null, ct))).ToList(), ct);
        var failed = new List<ExpiredRun>();
        foreach (var (runId, owner, expiredAt, status) in candidates.Where(r => !trainingHere.Contains(r.RunId)))
        {
            var at = DateTimeOffset.FromUnixTimeMilliseconds(expiredAt).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            var error = $"The portal instance that was training this run ({owner}) stopped: its lease expired at {at} and was not renewed.";
            var done = await _db.WriteAsync(AuditActor.System, async (c, tx) =>
            {
                var now = await StoreNowAsync(c, tx, ct);
                // Renewed since it was read, or ended by its owner: it is not ours to fail.
                if (await c.ExecuteAsync(Command(RunLeaseSql.FailExpired, new { RunId = runId, Owner = owner, Now = now, EndTime = Now }, tx, ct)) == 0)
                    return (false, null);
                await c.ExecuteAsync(Command(TrackingSql.UpsertTag, new { RunId = runId, Key = "error", Value = error }, tx, ct));
                return (true, new AuditEvent("run.status", "run", runId, Details: new { before = status, after = "FAILED", owner, reason = "lease expired" }));
            }, ct);
            if (done) failed.Add(new ExpiredRun(runId, owner, error));
        }
        return failed;
    }

    /// <summary>Ends a run <paramref name="owner"/> trains with <paramref name="status"/>, audited with
    /// <paramref name="actor"/>; false (and nothing written) when the run is no longer the owner's.</summary>
    public Task<bool> EndOwnedRunAsync(string runId, string owner, string status, long endTime, AuditActor actor, CancellationToken ct = default) =>
        _db.WriteAsync(actor, async (c, tx) =>
        {
            if (await c.ExecuteAsync(Command(RunLeaseSql.EndOwned, new { RunId = runId, Owner = owner, Status = status, EndTime = endTime }, tx, ct)) == 0)
                return (false, null);
            return (true, new AuditEvent("run.status", "run", runId, Details: new { before = "RUNNING", after = status }));
        }, ct);

    /// <summary>Puts a run its owner stops training (the instance is shutting down) back in the queue, for any instance
    /// to train from the start; false when it is no longer the owner's or someone asked to cancel it.</summary>
    public Task<bool> ReleaseRunAsync(string runId, string owner, CancellationToken ct = default) =>
        _db.WriteAsync(AuditActor.System, async (c, tx) =>
        {
            if (await c.ExecuteAsync(Command(RunLeaseSql.Release, new { RunId = runId, Owner = owner }, tx, ct)) == 0) return (false, null);
            return (true, new AuditEvent("run.status", "run", runId, Details: new { before = "RUNNING", after = "SCHEDULED", owner, reason = "instance stopping" }));
        }, ct);

    public Task<RunLease?> GetRunLeaseAsync(string runId, CancellationToken ct = default) =>
        _db.ReadAsync(c => LeaseOfAsync(c, null, runId, ct), ct);

    /// <summary>The status of each of these runs that exists.</summary>
    public Task<IReadOnlyDictionary<string, string>> RunStatusesAsync(IReadOnlyCollection<string> runIds, CancellationToken ct = default) =>
        _db.ReadAsync<IReadOnlyDictionary<string, string>>(async c =>
            (await c.QueryAsync<(string RunId, string Status)>(Command(_db.InList(RunLeaseSql.StatusesOf), new { Ids = runIds.ToList() }, null, ct)))
                .ToDictionary(r => r.RunId, r => r.Status), ct);

    private static async Task<RunLease?> LeaseOfAsync(DbConnection c, DbTransaction? tx, string runId, CancellationToken ct)
    {
        var row = await c.QuerySingleOrDefaultAsync<LeaseRow>(Command(RunLeaseSql.Lease, new { RunId = runId }, tx, ct));
        return row is null ? null : new RunLease(row.RunId, row.Status, row.Owner, row.ExpiresAt, ActorJson.Read(row.CancelRequestedBy));
    }

    private sealed record LeaseRow(string RunId, string Status, string? Owner, long? ExpiresAt, string? CancelRequestedBy);

    private Task<long> StoreNowAsync(DbConnection c, DbTransaction? tx, CancellationToken ct) =>
        c.ExecuteScalarAsync<long>(Command(_db.Provider == StoreProvider.Postgres ? RunLeaseSql.PostgresNow : RunLeaseSql.SqliteNow, null, tx, ct));
}
