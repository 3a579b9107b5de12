using System.Data.Common;
using Dapper;
using Telco.InsightPortal.Core.Lineage;
using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.Data.Lineage;

namespace Telco.InsightPortal.Data.Tracking;

public sealed partial class TrackingStore
{
    public const string RunNameTag = "mlflow.runName";

    public Task<Run> CreateRunAsync(long experimentId, string userId, string? runName, long? startTime, IReadOnlyList<TrackingTag> tags,
        AuditActor actor, CancellationToken ct = default)
    {
        CheckTags(tags);
        return _db.WriteAsync(actor, async (c, tx) =>
        {
            var info = await InsertRunAsync(c, tx, Guid.NewGuid().ToString("N"), experimentId, userId, runName, startTime, "RUNNING", tags, ct);
            var run = await LoadAsync(c, tx, info, ct);
            return (run, new AuditEvent("run.create", "run", info.RunId, Details: new { experimentId, name = info.RunName }));
        }, ct);
    }

    private static void CheckTags(IReadOnlyList<TrackingTag> tags)
    {
        foreach (var tag in tags)
        {
            CheckKey(tag.Key, "tag");
            CheckValue(tag.Key, tag.Value, MaxTagValueLength, "tag");
        }
    }

    private async Task<RunInfo> InsertRunAsync(DbConnection c, DbTransaction tx, string runId, long experimentId, string userId, string? runName,
        long? startTime, string status, IReadOnlyList<TrackingTag> tags, CancellationToken ct)
    {
        var experiment = await RequireExperimentAsync(c, tx, experimentId, ct);
        if (experiment.LifecycleStage != LifecycleStages.Active)
            throw TrackingException.Invalid($"The experiment {experimentId} must be in the 'active' state. Current state is {experiment.LifecycleStage}.");
        var name = !string.IsNullOrWhiteSpace(runName) ? runName
            : tags.LastOrDefault(t => t.Key == RunNameTag)?.Value is { Length: > 0 } tagged ? tagged : "run-" + runId[..8];
        var info = new RunInfo(runId, experimentId, name, userId, status, startTime ?? Now, null, LifecycleStages.Active,
            $"{experiment.ArtifactLocation.TrimEnd('/')}/{runId}/artifacts");
        await c.ExecuteAsync(new CommandDefinition(TrackingSql.InsertRun, info, tx, cancellationToken: ct));
        // MLflow clients read the run's name from this tag as well as from run_name.
        var allTags = tags.Where(t => t.Key != RunNameTag).Append(new TrackingTag(RunNameTag, name)).ToList();
        await c.ExecuteAsync(new CommandDefinition(TrackingSql.UpsertTag, allTags.Select(t => new { RunId = runId, t.Key, t.Value }), tx, cancellationToken: ct));
        return info;
    }

    public Task<Run> GetRunAsync(string runId, CancellationToken ct = default) =>
        _db.ReadAsync(async c => await LoadAsync(c, null, await RequireRunAsync(c, null, runId, ct), ct), ct);

    public Task<RunInfo> UpdateRunAsync(string runId, string? status, long? endTime, string? runName, AuditActor actor, CancellationToken ct = default)
    {
        if (status is not null && !RunStatuses.All.Contains(status))
            throw TrackingException.Invalid($"Invalid run status '{status}'; use one of {string.Join(", ", RunStatuses.All)}.");
        return _db.WriteAsync(actor, async (c, tx) =>
        {
            var before = await RequireActiveRunAsync(c, tx, runId, ct);
            var after = before with
            {
                Status = status ?? before.Status,
                EndTime = endTime ?? before.EndTime,
                RunName = string.IsNullOrWhiteSpace(runName) ? before.RunName : runName,
            };
            await c.ExecuteAsync(new CommandDefinition(TrackingSql.UpdateRun, after, tx, cancellationToken: ct));
            if (after.RunName != before.RunName)
                await c.ExecuteAsync(new CommandDefinition(TrackingSql.UpsertTag, new { RunId = runId, Key = RunNameTag, Value = after.RunName }, tx, cancellationToken: ct));
            if (after.Status != before.Status && EndEvent(after.Status) is { } ended)
                await OpenLineageOutbox.AddAsync(c, tx, new OpenLineageRunEvent(ended, OpenLineageRunEvent.RunIdFor(runId), JobName(after.ExperimentId),
                    clock.GetUtcNow(), [], [], ended == OpenLineageRunEvent.Fail ? $"The run ended {after.Status}." : null), ct);
            var entry = after.Status == before.Status ? null
                : new AuditEvent("run.status", "run", runId, Details: new { before = before.Status, after = after.Status });
            return (after, entry);
        }, ct);
    }

    public Task SetRunStageAsync(string runId, string stage, AuditActor actor, CancellationToken ct = default) =>
        _db.WriteAsync(actor, async (c, tx) =>
        {
            var run = await RequireRunAsync(c, tx, runId, ct);
            if (run.LifecycleStage == stage) return (true, null);
            await c.ExecuteAsync(new CommandDefinition(TrackingSql.SetRunStage, new { RunId = runId, Stage = stage }, tx, cancellationToken: ct));
            return (true, new AuditEvent(stage == LifecycleStages.Deleted ? "run.delete" : "run.restore", "run", runId));
        }, ct);

    private static async Task<RunInfo> RequireRunAsync(DbConnection c, DbTransaction? tx, string runId, CancellationToken ct) =>
        await c.QuerySingleOrDefaultAsync<RunInfo>(new CommandDefinition(TrackingSql.GetRun, new { RunId = runId }, tx, cancellationToken: ct))
        ?? throw TrackingException.NotFound($"Run with id={runId} not found");

    private static async Task<RunInfo> RequireActiveRunAsync(DbConnection c, DbTransaction tx, string runId, CancellationToken ct)
    {
        var run = await RequireRunAsync(c, tx, runId, ct);
        if (run.LifecycleStage != LifecycleStages.Active)
            throw TrackingException.Invalid($"The run {runId} must be in the 'active' state. Current state is {run.LifecycleStage}.");
        return run;
    }

    private async Task<Run> LoadAsync(DbConnection c, DbTransaction? tx, RunInfo info, CancellationToken ct) =>
        (await LoadAsync(c, tx, [info], ct))[0];

    private async Task<IReadOnlyList<Run>> LoadAsync(DbConnection c, DbTransaction? tx, IReadOnlyList<RunInfo> infos, CancellationToken ct)
    {
        var ids = new { Ids = infos.Select(r => r.RunId).ToList() };
        var metrics = (await c.QueryAsync<(string RunId, string Key, double? Value, long Timestamp, long Step)>(
            new CommandDefinition(_db.InList(TrackingSql.LatestMetricsOf), ids, tx, cancellationToken: ct))).ToLookup(m => m.RunId, m => new TrackingMetric(m.Key, FromStored(m.Value), m.Timestamp, m.Step));
        var parameters = (await c.QueryAsync<(string RunId, string Key, string Value)>(
            new CommandDefinition(_db.InList(TrackingSql.ParamsOf), ids, tx, cancellationToken: ct))).ToLookup(p => p.RunId, p => new TrackingParam(p.Key, p.Value));
        var tags = (await c.QueryAsync<(string RunId, string Key, string Value)>(
            new CommandDefinition(_db.InList(TrackingSql.TagsOf), ids, tx, cancellationToken: ct))).ToLookup(t => t.RunId, t => new TrackingTag(t.Key, t.Value));
        var inputs = await LoadInputsAsync(c, tx, ids, ct);
        return infos.Select(i => new Run(i, metrics[i.RunId].ToList(), parameters[i.RunId].ToList(), tags[i.RunId].ToList())
            { Inputs = inputs[i.RunId].ToList() }).ToList();
    }

    /// <summary>The OpenLineage event of a run that reached a final status; null for one still going.</summary>
    private static string? EndEvent(string status) => status switch
    {
        "FINISHED" => OpenLineageRunEvent.Complete,
        "FAILED" => OpenLineageRunEvent.Fail,
        "KILLED" => OpenLineageRunEvent.Abort,
        _ => null,
    };

    /// <summary>OpenLineage's job of a tracked run: its experiment.</summary>
    private static string JobName(long experimentId) => "experiment/" + LineageIds.Number(experimentId);
}
