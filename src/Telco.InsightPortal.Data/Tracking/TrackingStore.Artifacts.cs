using Dapper;
using Telco.InsightPortal.Data.Audit;

namespace Telco.InsightPortal.Data.Tracking;

public sealed partial class TrackingStore
{
    /// <summary>Records an uploaded artifact. The run must exist and be active; <paramref name="place"/> sees the run,
    /// may refuse it (by throwing a <see cref="TrackingException"/>) and otherwise moves the written file into place.
    /// The audit entry is appended first and the move happens inside the same transaction, so a refused or failed
    /// placement leaves neither the file nor an entry, and a placed file always has its entry.</summary>
    public Task RecordArtifactUploadAsync(string runId, string path, long bytes, string sha256, AuditActor actor, Action<Run> place,
        CancellationToken ct = default) =>
        _db.WriteAsync<bool>(actor, async (c, tx) =>
        {
            var run = await LoadAsync(c, tx, await RequireActiveRunAsync(c, tx, runId, ct), ct);
            audit.Append(c, tx, actor, new AuditEvent("run.artifact.upload", "run", runId, Details: new { path, bytes, sha256 }));
            place(run);
            return (true, null);
        }, ct);

    /// <summary>Which of <paramref name="runIds"/> the store knows, in any lifecycle stage (the sweep keeps deleted
    /// runs' files: a deleted run can be restored).</summary>
    public Task<IReadOnlySet<string>> ExistingRunIdsAsync(IReadOnlyCollection<string> runIds, CancellationToken ct = default) =>
        _db.ReadAsync<IReadOnlySet<string>>(async c =>
            (await c.QueryAsync<string>(new CommandDefinition(_db.InList(TrackingSql.ExistingRunIds), new { Ids = runIds.ToList() }, cancellationToken: ct)))
            .ToHashSet(StringComparer.Ordinal), ct);
}
