using System.Data;
using System.Data.Common;
using System.Globalization;
using Dapper;
using Telco.InsightPortal.Core.Audit;
using Telco.InsightPortal.Core.Errors;
using Telco.InsightPortal.Core.Evidence;
using Telco.InsightPortal.Data.Datasets;
using Telco.InsightPortal.Data.Monitoring;
using Telco.InsightPortal.Data.Registry;
using Telco.InsightPortal.Data.Store;

namespace Telco.InsightPortal.Data.Evidence;

/// <summary>
/// Gathers the facts of an evidence document from the store, in one read transaction so that every part describes
/// the same moment: a fixed number of queries whatever the size of the history, and the audit entries in one
/// streaming read.
/// </summary>
public sealed class EvidenceFacts(IConnectionFactory factory, TimeProvider clock)
{
    /// <summary>The audit actions that change a version's stage, aliases, approvals or deployments.</summary>
    private static readonly string[] ChangePrefixes = ["model.version.", "model.alias.", "model.approval.", "deployment."];

    /// <param name="slices">The run's slice metrics, kept as an artifact beside the model (outside the store).</param>
    /// <exception cref="PortalException">NotFound: no such model version.</exception>
    public async Task<EvidenceDocument> GatherAsync(string model, long version, string builtBy,
        Func<string, CancellationToken, Task<IReadOnlyList<EvidenceSliceColumn>?>>? slices = null, CancellationToken ct = default)
    {
        await using var connection = await factory.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(factory.Provider == StoreProvider.Postgres ? IsolationLevel.RepeatableRead : IsolationLevel.Serializable, ct);
        var v = await connection.QuerySingleOrDefaultAsync<VersionRow>(Command(EvidenceSql.Version, new { Name = model, Version = version }, tx, ct))
            ?? throw PortalException.NotFound($"Model version '{model}' version {version.ToString(CultureInfo.InvariantCulture)} not found.");
        var key = new { v.ModelId, v.Version };

        var general = new GeneralDescription
        {
            IntendedUse = v.Description,
            ModelDescription = v.ModelDescription,
            CreatedBy = v.CreatedBy,
            CreatedAt = Ms(v.CreationTime),
            Stage = v.Stage,
            Status = v.Status,
            Source = v.Source,
            ModelSha256 = v.ModelSha256,
            Aliases = [.. await connection.QueryAsync<string>(Command(EvidenceSql.Aliases, key, tx, ct))],
            Tags = Tags(await connection.QueryAsync<KeyValueRow>(Command(EvidenceSql.VersionTags, key, tx, ct))),
            Decision = await connection.QuerySingleOrDefaultAsync<VersionDecision>(Command(DecisionSql.Get, new { v.Name, v.Version }, tx, ct)) is { } d
                ? new EvidenceDecision(d.Threshold, d.TruePositiveValue, d.TrueNegativeValue, d.FalsePositiveCost, d.FalseNegativeCost, d.SetBy, Ms(d.SetAt))
                : null,
            Versions = [.. (await connection.QueryAsync<VersionListRow>(Command(EvidenceSql.Versions, key, tx, ct)))
                .Select(r => new EvidenceVersion(r.Version, r.Stage, r.CreatedBy, Ms(r.CreationTime), r.RunId, r.ModelSha256))],
        };

        var run = await RunAsync(connection, tx, v.RunId, ct);
        var metrics = run is null ? [] : (await connection.QueryAsync<MetricRow>(Command(EvidenceSql.RunMetrics, new { v.RunId }, tx, ct)))
            .Select(m => new EvidenceMetric(m.Key, m.Value, m.Step)).ToList();
        var development = new DevelopmentDescription
        {
            Run = run,
            TrainingData = await TrainingDataAsync(connection, tx, v, ct),
            Metrics = metrics,
            Slices = run is not null && slices is not null ? await slices(v.RunId, ct) : null,
        };

        var monitoring = await MonitoringAsync(connection, tx, v, ct);
        var approvals = (await connection.QueryAsync<ApprovalRow>(Command(EvidenceSql.Approvals, key, tx, ct)))
            .Select(a => new EvidenceApproval(a.Id, a.TargetKind, a.Target, a.RequestedBy, Ms(a.RequestedAt), a.RequestComment, a.Status,
                a.DecidedBy, a.DecidedAt is { } at ? Ms(at) : null, a.DecisionComment)).ToList();

        var targets = Targets(v, monitoring, approvals);
        var (entries, changes) = await EntriesAsync(connection, tx, v, ct);
        await tx.CommitAsync(ct);
        return new EvidenceDocument
        {
            Model = v.Name,
            Version = v.Version,
            BuiltAt = AuditHash.Truncate(clock.GetUtcNow()),
            BuiltBy = builtBy,
            General = general,
            Development = development,
            Monitoring = monitoring,
            Lifecycle = new LifecycleDescription { Approvals = approvals, Changes = changes },
            Records = new AuditRecords { Targets = targets.All, Entries = entries },
        };
    }

    private static async Task<EvidenceRun?> RunAsync(DbConnection c, DbTransaction tx, string runId, CancellationToken ct)
    {
        if (await c.QuerySingleOrDefaultAsync<RunRow>(Command(EvidenceSql.Run, new { RunId = runId }, tx, ct)) is not { } r) return null;
        var parameters = Tags(await c.QueryAsync<KeyValueRow>(Command(EvidenceSql.RunParams, new { RunId = runId }, tx, ct)));
        var tags = Tags(await c.QueryAsync<KeyValueRow>(Command(EvidenceSql.RunTags, new { RunId = runId }, tx, ct)));
        return new EvidenceRun(r.RunId, r.RunName, r.Experiment, r.UserId, r.Status, Ms(r.StartTime), r.EndTime is { } end ? Ms(end) : null, parameters, tags);
    }

    private static async Task<EvidenceTrainingData?> TrainingDataAsync(DbConnection c, DbTransaction tx, VersionRow v, CancellationToken ct)
    {
        if (v.Dataset is not { } name || v.SnapshotId is not { } snapshotId) return null;
        if (await c.QuerySingleOrDefaultAsync<DatasetRow>(Command(EvidenceSql.Dataset, new { Name = name }, tx, ct)) is not { } dataset) return null;
        var columns = await c.QueryAsync<ColumnRow>(Command(DatasetSql.ListColumns, new { DatasetId = dataset.Id }, tx, ct));
        var snapshots = await c.QueryAsync<SnapshotRow>(Command(EvidenceSql.SnapshotLineage, new { SnapshotId = snapshotId, DatasetId = dataset.Id }, tx, ct));
        return new EvidenceTrainingData
        {
            Dataset = name,
            Description = dataset.Description,
            SnapshotId = snapshotId,
            Snapshots = [.. snapshots.Select(s => new EvidenceSnapshot(s.Id, s.ParentId, s.CommittedAt.ToUniversalTime(), s.CommittedBy, s.Operation,
                s.RowsAdded, s.RowsSkipped, s.TotalRows, s.ContentHash, s.Source))],
            Schema = [.. columns.Select(col => new EvidenceColumn(col.Ordinal, col.Name, col.Type, col.Role, col.Nullable, col.Pii))],
        };
    }

    private static async Task<MonitoringDescription> MonitoringAsync(DbConnection c, DbTransaction tx, VersionRow v, CancellationToken ct)
    {
        var rows = (await c.QueryAsync<DeploymentRow>(Command(EvidenceSql.Deployments,
            new { v.Name, VersionText = Text(v.Version) }, tx, ct))).ToList();
        var deployments = rows.GroupBy(r => r.Name).Select(g => new EvidenceDeployment(g.Key, g.First().Status, g.First().CurrentGeneration,
            [.. g.Select(r => new EvidenceDeploymentTarget(r.Generation, r.Weight, Ms(r.CreatedAt)))])).ToList();
        if (deployments.Count == 0) return new MonitoringDescription { Deployments = [], Alerts = [] };
        var alerts = (await c.QueryAsync<AlertRecord>(Command(EvidenceSql.Alerts, new { v.Name, VersionText = Text(v.Version) }, tx, ct)))
            .Select(a => new EvidenceAlert(a.Id, a.Deployment, a.Kind, a.Feature, a.Severity, a.Message, a.Value, a.Threshold, Ms(a.OpenedAt), a.Status,
                a.AcknowledgedBy, a.AcknowledgedAt is { } ack ? Ms(ack) : null, a.ResolvedBy, a.ResolvedAt is { } res ? Ms(res) : null))
            .ToList();
        return new MonitoringDescription { Deployments = deployments, Alerts = alerts };
    }

    /// <summary>The targets whose audit entries concern the version.</summary>
    private sealed record TargetSet(string VersionId, string Model, string RunId, string? Dataset, string[] Deployments, string[] Alerts, string[] Approvals)
    {
        public IReadOnlyList<EvidenceTarget> All =>
        [
            new(AuditTargets.ModelVersion, VersionId), new(AuditTargets.RegisteredModel, Model), new(AuditTargets.Run, RunId),
            .. Dataset is null ? Array.Empty<EvidenceTarget>() : [new(AuditTargets.Dataset, Dataset)],
            .. Deployments.Select(d => new EvidenceTarget(AuditTargets.Deployment, d)),
            .. Alerts.Select(a => new EvidenceTarget(AuditTargets.Alert, a)),
            .. Approvals.Select(a => new EvidenceTarget(AuditTargets.Approval, a)),
        ];
    }

    private static TargetSet Targets(VersionRow v, MonitoringDescription monitoring, IReadOnlyList<EvidenceApproval> approvals) => new(
        $"{v.Name}/{Text(v.Version)}", v.Name, v.RunId, v.Dataset,
        [.. monitoring.Deployments.Select(d => d.Name)],
        [.. monitoring.Alerts.Select(a => a.Id.ToString(CultureInfo.InvariantCulture))],
        [.. approvals.Select(a => a.Id.ToString(CultureInfo.InvariantCulture))]);

    private static async Task<(List<EvidenceAuditEntry>, List<EvidenceChange>)> EntriesAsync(DbConnection c, DbTransaction tx, VersionRow v, CancellationToken ct)
    {
        var entries = new List<EvidenceAuditEntry>();
        var changes = new List<EvidenceChange>();
        var parameters = new
        {
            VersionType = AuditTargets.ModelVersion, VersionId = $"{v.Name}/{Text(v.Version)}", ModelType = AuditTargets.RegisteredModel, v.Name,
            RunType = AuditTargets.Run, v.RunId, DatasetType = AuditTargets.Dataset, v.Dataset, DeploymentType = AuditTargets.Deployment,
            VersionText = Text(v.Version), AlertType = AuditTargets.Alert, ApprovalType = AuditTargets.Approval, v.ModelId, v.Version,
        };
        await foreach (var e in AuditRows.StreamAsync(c, tx, EvidenceSql.Entries, parameters, ct))
        {
            var at = e.At.ToUniversalTime();
            entries.Add(new EvidenceAuditEntry(e.Seq, at, e.Actor, e.Action, e.TargetType, e.TargetId, e.Outcome, e.Hash));
            if (ChangePrefixes.Any(p => e.Action.StartsWith(p, StringComparison.Ordinal)) && !IsTagOnly(e.Action))
                changes.Add(new EvidenceChange(e.Seq, at, e.Actor, e.Action, $"{e.TargetType} {e.TargetId}", e.Outcome, e.Details));
        }
        return (entries, changes);
    }

    // Tags and descriptions are edits, not changes of stage or deployment; they stay in the records.
    private static bool IsTagOnly(string action) => action.StartsWith("model.version.tag.", StringComparison.Ordinal) || action == "model.version.update";

    private static List<EvidenceTag> Tags(IEnumerable<KeyValueRow> rows) => [.. rows.Select(r => new EvidenceTag(r.Key, r.Value))];

    private static string Text(long n) => n.ToString(CultureInfo.InvariantCulture);

    private static DateTimeOffset Ms(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    private static CommandDefinition Command(string sql, object parameters, DbTransaction tx, CancellationToken ct) =>
        new(sql, parameters, tx, cancellationToken: ct);
}
