using System.Data.Common;
using System.Globalization;
using Dapper;
using Telco.InsightPortal.Core.Errors;
using Telco.InsightPortal.Core.Jobs;
using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.Data.Store;

using static Telco.InsightPortal.Data.Store.StoreSession;

namespace Telco.InsightPortal.Data.Jobs;

/// <summary>
/// Saved jobs and the definitions' changes, each audited in its transaction. Runs and their steps are in
/// <c>JobStore.Runs.cs</c>. Nothing here schedules: the scheduler follows what is saved here.
/// </summary>
public sealed partial class JobStore(IConnectionFactory factory, IAuditTrail audit, TimeProvider clock)
{
    private readonly StoreSession _db = new(factory, audit);

    public Task<IReadOnlyList<JobSummary>> ListAsync(CancellationToken ct = default) =>
        _db.ReadAsync<IReadOnlyList<JobSummary>>(async c =>
        {
            var jobs = await c.QueryAsync<JobRecord>(Command(JobSql.List, null, null, ct));
            var last = (await c.QueryAsync<JobRunRecord>(Command(JobSql.LastRuns, null, null, ct))).ToDictionary(r => r.JobName, StringComparer.Ordinal);
            return jobs.Select(j => new JobSummary(j, last.GetValueOrDefault(j.Name))).ToList();
        }, ct);

    /// <summary>The name Quartz knows this store's scheduler by (migration 0016): the same for every instance on the
    /// store, different for every store. Read once, synchronously, while Quartz is configured.</summary>
    public string SchedulerName()
    {
        using var connection = factory.Open();
        return connection.ExecuteScalar<string>(JobSql.SchedulerName)!;
    }

    public Task<JobRecord?> GetAsync(string name, CancellationToken ct = default) =>
        _db.ReadAsync(c => c.QuerySingleOrDefaultAsync<JobRecord>(Command(JobSql.Get, new { Name = name }, null, ct)), ct);

    /// <summary>Saves a new job; 409 when the name is taken. The caller has checked its dependencies (<see cref="JobGraph"/>).</summary>
    public Task<JobRecord> CreateAsync(JobDefinition job, AuditActor actor, CancellationToken ct = default) =>
        _db.WriteAsync(actor, async (c, tx) =>
        {
            if (await c.QuerySingleOrDefaultAsync<JobRecord>(Command(JobSql.Get, new { job.Name }, tx, ct)) is not null)
                throw PortalException.Conflict($"A job named '{job.Name}' exists; choose another name or change that job.");
            await c.ExecuteAsync(Command(JobSql.Insert, Row(job, actor), tx, ct));
            var saved = await c.QuerySingleAsync<JobRecord>(Command(JobSql.Get, new { job.Name }, tx, ct));
            return (saved, (AuditEvent?)new AuditEvent("job.create", "job", job.Name, Details: Details(job)));
        }, ct);

    /// <summary>Saves the job's next version; null when it does not exist. A save from an older version than the
    /// current one is refused (409), so that nobody's change is silently lost.</summary>
    public Task<JobRecord?> UpdateAsync(JobDefinition job, long? baseVersion, AuditActor actor, CancellationToken ct = default) =>
        _db.WriteAsync(actor, async (c, tx) =>
        {
            var current = await c.QuerySingleOrDefaultAsync<JobRecord>(Command(JobSql.Get, new { job.Name }, tx, ct));
            if (current is null) return ((JobRecord?)null, (AuditEvent?)null);
            var from = baseVersion ?? current.Version;
            var changed = await c.ExecuteAsync(Command(JobSql.Update, Row(job, actor) with { BaseVersion = from }, tx, ct));
            if (changed == 0)
                throw PortalException.Conflict($"Job '{job.Name}' was saved as version {current.Version} by {current.UpdatedBy} after you read version {from}; reload it and apply your change again.");
            var saved = await c.QuerySingleAsync<JobRecord>(Command(JobSql.Get, new { job.Name }, tx, ct));
            return ((JobRecord?)saved, (AuditEvent?)new AuditEvent("job.update", "job", job.Name, Details: Details(job)));
        }, ct);

    /// <summary>Deletes the job and cancels its queued runs; its past runs stay. False when it does not exist.</summary>
    public Task<bool> DeleteAsync(string name, AuditActor actor, CancellationToken ct = default) =>
        _db.WriteAsync(actor, async (c, tx) =>
        {
            if (await c.ExecuteAsync(Command(JobSql.Delete, new { Name = name }, tx, ct)) == 0) return (false, (AuditEvent?)null);
            await c.ExecuteAsync(Command(JobSql.CancelQueuedOfJob, new { Name = name, Now = Now(), Error = "The job was deleted." }, tx, ct));
            return (true, new AuditEvent("job.delete", "job", name));
        }, ct);

    private JobRow Row(JobDefinition job, AuditActor actor) =>
        new(job.Name, job.Kind, JobDefinitionWriter.Write(job), job.Schedule, job.Enabled ? 1L : 0L, Now(), actor.Name);

    /// <summary>A job's columns as command parameters (the flag as a number: both databases store it in an integer).</summary>
    private sealed record JobRow(string Name, string Kind, string Body, string? Schedule, long Enabled, long Now, string By, long? BaseVersion = null);

    private static object Details(JobDefinition job) => new
    {
        kind = job.Kind, schedule = job.Schedule, after = job.After, steps = job.Steps.Select(s => s.Name), enabled = job.Enabled,
        retry = job.Retry.MaxAttempts, timeoutMinutes = (int)job.Timeout.TotalMinutes,
    };

    private static string Key(long id) => id.ToString(CultureInfo.InvariantCulture);

    private long Now() => clock.GetUtcNow().ToUnixTimeMilliseconds();
}
