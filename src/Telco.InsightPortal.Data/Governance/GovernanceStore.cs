using System.Data.Common;
using System.Globalization;
using Dapper;
using Telco.InsightPortal.Core.Governance;
using Telco.InsightPortal.Data.Monitoring;
using Telco.InsightPortal.Data.Registry;
using Telco.InsightPortal.Data.Store;

using static Telco.InsightPortal.Data.Store.StoreSession;

namespace Telco.InsightPortal.Data.Governance;

/// <summary>
/// Reads every registered model and version with what governance asks of it — owner, creator, stage, aliases,
/// approvals, card completeness, decision, test AUC, the deployments serving it and their unresolved drift alerts — in
/// four queries, whatever the number of versions. Reads only.
/// </summary>
public sealed class GovernanceStore(IConnectionFactory factory)
{
    /// <summary>The test metric the AUC floor reads (the trainer's name for the held-out ROC AUC).</summary>
    public const string AucMetric = "roc_auc";
    public const string AccuracyMetric = "accuracy";
    /// <summary>The trainer tags each artifact with its hash; the tag says the file was written.</summary>
    public const string ImportanceTag = "artifact.importance.json.sha256";
    public const string SlicesTag = "artifact.slices.json.sha256";

    public async Task<IReadOnlyList<GovernedModel>> ModelsAsync(CancellationToken ct = default)
    {
        await using var c = await factory.OpenAsync(ct);
        return await LoadAsync(c, null, null, ct);
    }

    /// <summary>One version's governance view, or null when there is no such version.</summary>
    public async Task<GovernedVersion?> VersionAsync(string name, long version, CancellationToken ct = default)
    {
        await using var c = await factory.OpenAsync(ct);
        return await VersionAsync(c, null, name, version, ct);
    }

    internal static async Task<GovernedVersion?> VersionAsync(DbConnection c, DbTransaction? tx, string name, long version, CancellationToken ct) =>
        (await LoadAsync(c, tx, name, ct)).SelectMany(m => m.Versions).FirstOrDefault(v => v.Version == version);

    /// <summary>Every model (<paramref name="name"/> null) or one, read in the caller's transaction when it has one, so
    /// the promotion gate judges the state it is about to change.</summary>
    internal static async Task<IReadOnlyList<GovernedModel>> LoadAsync(DbConnection c, DbTransaction? tx, string? name, CancellationToken ct)
    {
        var key = new { Name = name };
        var versions = (await c.QueryAsync<VersionRow>(Command(GovernanceSql.Versions, new
        {
            Name = name, AucKey = AucMetric, AccuracyKey = AccuracyMetric, ImportanceTag, SlicesTag,
        }, tx, ct))).AsList();
        var aliases = (await c.QueryAsync<AliasRow>(Command(GovernanceSql.Aliases, key, tx, ct)))
            .ToLookup(a => (a.Model, a.Version), a => a.Alias);
        var approvals = (await c.QueryAsync<ApprovalRow>(Command(GovernanceSql.Approvals, key, tx, ct)))
            .ToLookup(a => (a.Model, a.Version), a => a.ToFact());
        var serving = (await c.QueryAsync<ServingRow>(Command(GovernanceSql.Serving, new
        {
            Name = name, DriftKind = AlertKinds.Drift, Resolved = AlertStatus.Resolved,
        }, tx, ct))).ToLookup(s => (s.Model, s.VersionNumber));
        return versions.GroupBy(v => v.Model).Select(g =>
        {
            var first = g.First();
            return new GovernedModel(g.Key, first.ModelDescription ?? "", first.Owner,
                g.Select(v => v.ToVersion(aliases[(v.Model, v.Version)].ToList(), approvals[(v.Model, v.Version)].ToList(),
                    serving[(v.Model, v.Version)].ToList())).ToList());
        }).ToList();
    }

    private sealed record VersionRow
    {
        public string Model { get; init; } = "";
        public string? ModelDescription { get; init; }
        public string Owner { get; init; } = "";
        public long Version { get; init; }
        public string Stage { get; init; } = "";
        public string CreatedBy { get; init; } = "";
        public long CreatedAt { get; init; }
        public string? Description { get; init; }
        public string? Dataset { get; init; }
        public long? SnapshotId { get; init; }
        public string RunId { get; init; } = "";
        public double? TestAuc { get; init; }
        public long HasTestMetrics { get; init; }
        public long HasImportance { get; init; }
        public long HasSlices { get; init; }
        public double? Threshold { get; init; }
        public double? TruePositiveValue { get; init; }
        public double? TrueNegativeValue { get; init; }
        public double? FalsePositiveCost { get; init; }
        public double? FalseNegativeCost { get; init; }
        public string? DecisionSetBy { get; init; }
        public long? DecisionSetAt { get; init; }

        public GovernedVersion ToVersion(IReadOnlyList<string> aliases, IReadOnlyList<ApprovalFact> approvals, IReadOnlyList<ServingRow> serving)
        {
            var decision = Threshold is { } threshold
                ? new VersionDecision
                {
                    Threshold = threshold, TruePositiveValue = TruePositiveValue ?? 0, TrueNegativeValue = TrueNegativeValue ?? 0,
                    FalsePositiveCost = FalsePositiveCost ?? 0, FalseNegativeCost = FalseNegativeCost ?? 0, SetBy = DecisionSetBy ?? "",
                    SetAt = DecisionSetAt ?? 0,
                }
                : null;
            var card = CardCompleteness.Of(!string.IsNullOrWhiteSpace(Description), Dataset is not null && SnapshotId is not null, HasTestMetrics != 0,
                HasImportance != 0, HasSlices != 0, decision is not null);
            var facts = new VersionFacts
            {
                Model = Model, Version = Version, Stage = Stage, CreatedBy = CreatedBy, Card = card, TestAuc = TestAuc, Approvals = approvals,
                Deployments = serving.Select(s => s.Deployment).Distinct().ToList(),
                OpenDriftAlerts = serving.Where(s => s.AlertId is not null)
                    .Select(s => new DriftAlertFact(s.AlertId!.Value, s.Deployment, s.Feature, s.Severity ?? "", s.AlertStatus ?? "", s.OpenedAt ?? 0))
                    .DistinctBy(a => a.Id).ToList(),
            };
            return new GovernedVersion(facts, CreatedAt, RunId, Dataset, SnapshotId, aliases, decision);
        }
    }

    private sealed record AliasRow
    {
        public string Model { get; init; } = "";
        public long Version { get; init; }
        public string Alias { get; init; } = "";
    }

    private sealed record ApprovalRow
    {
        public string Model { get; init; } = "";
        public long Version { get; init; }
        public long Id { get; init; }
        public string TargetKind { get; init; } = "";
        public string Target { get; init; } = "";
        public string Status { get; init; } = "";
        public string RequestedBy { get; init; } = "";
        public long RequestedAt { get; init; }
        public string? RequestComment { get; init; }
        public string? DecidedBy { get; init; }
        public long? DecidedAt { get; init; }
        public string? DecisionComment { get; init; }

        public ApprovalFact ToFact() =>
            new(Id, TargetKind, Target, Status, RequestedBy, RequestedAt, RequestComment ?? "", DecidedBy, DecidedAt, DecisionComment);
    }

    private sealed record ServingRow
    {
        public string Model { get; init; } = "";
        public string Version { get; init; } = "";
        public string Deployment { get; init; } = "";
        public long? AlertId { get; init; }
        public string? Feature { get; init; }
        public string? Severity { get; init; }
        public string? AlertStatus { get; init; }
        public long? OpenedAt { get; init; }

        public long VersionNumber => long.TryParse(Version, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : -1;
    }
}
