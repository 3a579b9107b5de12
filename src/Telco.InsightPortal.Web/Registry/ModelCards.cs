using Telco.InsightPortal.Core.Data;
using Telco.InsightPortal.Data.Datasets;
using Telco.InsightPortal.Data.Registry;
using Telco.InsightPortal.Data.Tracking;
using Telco.InsightPortal.Ml.Artifacts;
using Telco.InsightPortal.Ml.Evaluation;
using Telco.InsightPortal.Web.Experiments;

namespace Telco.InsightPortal.Web.Registry;

/// <summary>What a model card shows about one version: what it is for, what it was trained on, how it did on the
/// test split overall and per slice, and which inputs it leans on. Every part is null when its source is missing.</summary>
public sealed record ModelCard(
    ModelVersion Version,
    Run? Run,
    Snapshot? Snapshot,
    long? TrainingRows,
    IReadOnlyList<TrackingMetric> Metrics,
    IReadOnlyList<ColumnImportance>? Importance,
    IReadOnlyList<SliceColumn>? Slices,
    VersionDecision? Decision = null)
{
    /// <summary>The test metrics a card lists, in this order, when the run has them.</summary>
    public static readonly IReadOnlyList<string> CardMetrics = ["roc_auc", "pr_auc", "accuracy", "precision", "recall", "f1", "log_loss"];
}

/// <summary>Builds model cards from the registry, the run that produced the version, its snapshot and its artifacts.</summary>
public sealed class ModelCards(RegistryStore registry, TrackingStore tracking, DatasetStore datasets, RunArtifacts artifacts)
{
    public async Task<ModelCard> BuildAsync(string model, long version, CancellationToken ct = default)
    {
        var v = await registry.GetVersionAsync(model, version, ct);
        Run? run = null;
        try
        {
            run = await tracking.GetRunAsync(v.RunId, ct);
        }
        catch (TrackingException e) when (e.ErrorCode == TrackingErrors.NotFound)
        {
            // A card still shows what the registry holds.
        }
        var snapshot = v.Dataset is { } name && v.SnapshotId is { } id && await datasets.GetAsync(name, ct) is { } dataset
            ? await datasets.SnapshotAsync(dataset.Id, id, ct)
            : null;
        var metrics = run?.Metrics.Where(m => ModelCard.CardMetrics.Contains(m.Key)).OrderBy(m => IndexOf(m.Key)).ToList() ?? [];
        long? rows = run?.Tags.FirstOrDefault(t => t.Key == "row_count") is { } tag && long.TryParse(tag.Value, out var n) ? n : null;
        var directory = artifacts.DirectoryOf(v.RunId);
        return new ModelCard(v, run, snapshot, rows, metrics,
            await RunArtifacts.ReadJsonAsync<List<ColumnImportance>>(directory, ArtifactNames.Importance, ct),
            await RunArtifacts.ReadJsonAsync<List<SliceColumn>>(directory, ArtifactNames.Slices, ct),
            await registry.DecisionAsync(model, version, ct));
    }

    private static int IndexOf(string key) => ModelCard.CardMetrics.ToList().IndexOf(key);
}
