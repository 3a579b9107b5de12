using Telco.InsightPortal.Core.Data;
using Telco.InsightPortal.Data.Audit;

namespace Telco.InsightPortal.Web.Training;

/// <summary>The body of <c>POST /api/v1/train</c>.</summary>
public sealed record TrainRequestDto(string? Experiment, string? Dataset, long? SnapshotId, string? Label, string? Trainer,
    Dictionary<string, double>? Params, int? Seed, int? BudgetSeconds, long? SinceSnapshotId);

/// <summary>A validated run waiting for the worker: everything it needs was resolved at submission.</summary>
public sealed record TrainingJob(string RunId, Dataset Dataset, Snapshot Snapshot, Snapshot? Since, string Label, string Trainer,
    IReadOnlyDictionary<string, double>? Params, int Seed, TimeSpan Budget, AuditActor Actor);
