using Telco.InsightPortal.Core.Data;
using Telco.InsightPortal.Data.Audit;

namespace Telco.InsightPortal.Web.Experiments.Training;

/// <summary>The body of <c>POST /api/v1/train</c>.</summary>
public sealed record TrainRequestDto(string? Experiment, string? Dataset, long? SnapshotId, string? Label, string? Trainer,
    Dictionary<string, double>? Params, int? Seed, int? BudgetSeconds, long? SinceSnapshotId);

/// <summary>A claimed run, resolved for the trainer: the dataset, its snapshots and who queued the run.</summary>
public sealed record TrainingJob(string RunId, Dataset Dataset, Snapshot Snapshot, Snapshot? Since, string Label, string Trainer,
    IReadOnlyDictionary<string, double>? Params, int Seed, TimeSpan Budget, AuditActor Actor);

/// <summary>What a queued run needs, as the store keeps it (JSON) until an instance claims the run: names and ids only,
/// resolved again by the instance that trains it.</summary>
public sealed record QueuedTraining(string Dataset, long SnapshotId, long? SinceSnapshotId, string Label, string Trainer,
    Dictionary<string, double>? Params, int Seed, int BudgetSeconds);
