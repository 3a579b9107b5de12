using Telco.InsightPortal.Core.Errors;
using Telco.InsightPortal.Core.Jobs;
using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.Data.Jobs;

namespace Telco.InsightPortal.Web.Jobs;

/// <summary>
/// Jobs as the API and the pages change them: a definition is parsed and checked (kinds, parameters, cron,
/// dependencies on existing jobs, no cycle) before anything is saved; once saved, the scheduler follows it. Runs
/// are queued in the store first and then given their trigger, so a run is never lost between the two (the
/// sweeper triggers a queued run that has none).
/// </summary>
public sealed class JobService(JobStore store, JobScheduler scheduler)
{
    public Task<IReadOnlyList<JobSummary>> ListAsync(CancellationToken ct = default) => store.ListAsync(ct);

    public async Task<(JobRecord Record, JobDefinition Definition)> GetAsync(string name, CancellationToken ct = default)
    {
        var record = await store.GetAsync(name, ct) ?? throw NotFound(name);
        return (record, JobDefinitionParser.Parse(record.Body));
    }

    public async Task<JobRecord> CreateAsync(string body, AuditActor actor, CancellationToken ct = default)
    {
        var job = JobDefinitionParser.Parse(body);
        await CheckGraphAsync(job, ct);
        var saved = await store.CreateAsync(job, actor, ct);
        await scheduler.SyncAsync(job, ct);
        return saved;
    }

    public async Task<JobRecord> UpdateAsync(string name, string body, long? baseVersion, AuditActor actor, CancellationToken ct = default)
    {
        var job = JobDefinitionParser.Parse(body);
        if (job.Name != name) throw new JobDefinitionException("name", $"the body names '{job.Name}' but the address names '{name}'; a job cannot be renamed.");
        await CheckGraphAsync(job, ct);
        var saved = await store.UpdateAsync(job, baseVersion, actor, ct) ?? throw NotFound(name);
        await scheduler.SyncAsync(job, ct);
        return saved;
    }

    public async Task DeleteAsync(string name, AuditActor actor, CancellationToken ct = default)
    {
        var dependents = await DependentsAsync(name, ct);
        if (dependents.Count > 0)
            throw PortalException.Conflict($"Jobs {string.Join(", ", dependents.Select(d => d.Record.Name))} run after '{name}'; change them first.");
        if (!await store.DeleteAsync(name, actor, ct)) throw NotFound(name);
        await scheduler.RemoveAsync(name, ct);
    }

    /// <summary>The saved jobs that run after <paramref name="name"/> succeeds (enabled or not), by name, each with its
    /// parsed definition: what the job page lists, what a delete refuses over and what the runner queues.</summary>
    public async Task<IReadOnlyList<(JobRecord Record, JobDefinition Job)>> DependentsAsync(string name, CancellationToken ct = default)
    {
        var jobs = (await store.ListAsync(ct)).Select(s => (Record: s.Job, Job: JobDefinitionParser.Parse(s.Job.Body))).ToList();
        var after = jobs.ToDictionary(j => j.Record.Name, j => j.Job.After, StringComparer.Ordinal);
        return [.. JobGraph.Dependents(name, after).Select(n => jobs.First(j => j.Record.Name == n))];
    }

    /// <summary>Queues a manual run with <paramref name="overrides"/> (<c>{"parameters":{…}}</c>) and fires it.</summary>
    public async Task<long> RunAsync(string name, string? overrides, AuditActor actor, CancellationToken ct = default)
    {
        var (record, job) = await GetAsync(name, ct);
        var effective = JobDefinitionParser.WithOverrides(job, overrides);
        var id = (await store.QueueAsync(new JobRunRequest(effective, record.Version, JobRunTrigger.Manual, actor.Name), actor, ct))!.Value;
        await scheduler.SyncAsync(job, ct); // a job saved while the scheduler was unreachable gets its Quartz job now
        await scheduler.TriggerAsync(name, id, null, ct);
        return id;
    }

    public async Task<(JobRunRecord Run, IReadOnlyList<JobStepRecord> Steps)> RunOfAsync(string name, long id, CancellationToken ct = default)
    {
        var found = await store.RunAsync(id, ct);
        return found is { } run && run.Run.JobName == name ? run : throw PortalException.NotFound($"Job '{name}' has no run {id}.");
    }

    public Task<IReadOnlyList<JobRunRecord>> RunsAsync(string? name, int limit, long? before, CancellationToken ct = default) =>
        store.RunsAsync(name, limit, before, ct);

    public async Task CancelAsync(string name, long id, AuditActor actor, CancellationToken ct = default)
    {
        await RunOfAsync(name, id, ct);
        if (!await store.CancelAsync(id, actor, ct)) throw PortalException.Conflict($"Run {id} of '{name}' has finished; there is nothing to cancel.");
    }

    public Task<DateTimeOffset?> NextFireAsync(string name, CancellationToken ct = default) => scheduler.NextFireAsync(name, ct);

    /// <summary>Every job named in <c>after</c> exists, and saving this one makes no cycle.</summary>
    private async Task CheckGraphAsync(JobDefinition job, CancellationToken ct)
    {
        var after = (await store.ListAsync(ct)).Where(s => s.Job.Name != job.Name)
            .ToDictionary(s => s.Job.Name, s => JobDefinitionParser.Parse(s.Job.Body).After, StringComparer.Ordinal);
        for (var i = 0; i < job.After.Count; i++)
            if (!after.ContainsKey(job.After[i])) throw new JobDefinitionException($"after[{i}]", $"there is no job named '{job.After[i]}'.");
        after[job.Name] = job.After;
        if (JobGraph.FindCycle(after) is { } cycle)
            throw new JobDefinitionException("after", $"this makes a cycle: {string.Join(" → ", cycle)}; a job cannot (indirectly) run after itself.");
    }

    private static PortalException NotFound(string name) => PortalException.NotFound($"There is no job named '{name}'.");
}
