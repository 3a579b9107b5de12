using System.Globalization;
using Telco.InsightPortal.Core.Data;
using Telco.InsightPortal.Core.Jobs;
using Telco.InsightPortal.Data.Datasets;
using Telco.InsightPortal.Data.Deployments;
using Telco.InsightPortal.Data.Registry;
using Telco.InsightPortal.Data.Tracking;
using Telco.InsightPortal.Ml.Artifacts;
using Telco.InsightPortal.Ml.Evaluation;
using Telco.InsightPortal.Ml.Scoring;
using Telco.InsightPortal.Web.Hosting;

namespace Telco.InsightPortal.Web.Jobs.Kinds;

/// <summary>
/// Compares a run's model (the challenger) with the version a deployment serves (the champion: its main target) on the
/// same labelled rows: those the snapshot added over its parent, the data neither has been judged on; when that holds
/// fewer than <see cref="MinPerClass"/> rows of either class, the whole snapshot, and the log says why. Both models are
/// loaded from the artifact store, hash-checked, and score the rows in batches; each side's ROC AUC comes from the same
/// evaluator training uses. Reads only: nothing is written.
/// </summary>
public sealed class EvaluateKind(TrackingStore tracking, DeploymentStore deployments, DatasetStore datasets, PortalPaths paths) : IJobKind
{
    public const int MinPerClass = 50;
    private const int Batch = 5000;

    public string Name => JobKindCatalog.Evaluate;

    private sealed record Contender(string Name, ChurnScorer Scorer, ModelSignature Signature, int[] Columns);

    public async Task<IReadOnlyDictionary<string, object?>> RunAsync(JobStepContext step, CancellationToken ct)
    {
        var runId = step.Parameters.RequiredText("run");
        var name = step.Parameters.RequiredText("deployment");
        var minGain = step.Parameters.Number("minGain") ?? 0.005;
        try
        {
            var run = await RegisterKind.FinishedRunAsync(tracking, runId, "evaluated", ct);
            var tags = run.Tags.ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);
            var datasetName = tags.GetValueOrDefault("dataset") ?? throw new JobStepException($"Run {runId} names no dataset (tag 'dataset'); only a run the portal trained can be evaluated.");
            var dataset = await datasets.GetAsync(datasetName, ct) ?? throw new JobStepException($"Dataset '{datasetName}' of run {runId} no longer exists.");
            var state = await deployments.GetStateAsync(name, ct) ?? throw new JobStepException($"No deployment named '{name}'.");
            var served = state.Targets.OrderByDescending(t => t.Weight).First();
            var source = await StepFailures.RefusedAsync($"Run {runId} has no model to evaluate", () => Task.FromResult(ModelSources.Resolve($"runs:/{runId}/model", paths.Artifacts)));
            var sha = tags.GetValueOrDefault(RegistryStore.ModelShaTagPrefix + source.FileInRun + ".sha256")
                      ?? throw new JobStepException($"Run {runId} recorded no hash for its model; only a model the portal trained can be evaluated.");
            var challenger = Load($"run {runId}", source.ModelPath, sha, dataset.Schema);
            var champion = Load($"{served.Model} version {served.Version} (served by {name})", served.ModelPath, served.Sha256, dataset.Schema);
            var label = LabelOf(challenger, champion, dataset.Schema);

            var snapshotId = step.Parameters.Integer("snapshotId") ?? dataset.CurrentSnapshotId ?? throw new JobStepException($"Dataset '{dataset.Name}' has no snapshot.");
            var snapshot = await datasets.SnapshotAsync(dataset.Id, snapshotId, ct) ?? throw new JobStepException($"Dataset '{dataset.Name}' has no snapshot {snapshotId}.");
            var parent = snapshot.ParentId is { } parentId ? await datasets.SnapshotAsync(dataset.Id, parentId, ct) : null;

            Scores scores;
            if (parent is null)
            {
                step.Log($"Snapshot {snapshot.Id} of {dataset.Name} is its first: evaluating on all of it.");
                scores = await ScoreAsync(dataset, snapshot, null, label, challenger, champion, ct);
            }
            else
            {
                scores = await ScoreAsync(dataset, snapshot, parent, label, challenger, champion, ct);
                if (scores.Positives < MinPerClass || scores.Negatives < MinPerClass)
                {
                    step.Log($"The rows snapshot {snapshot.Id} added over {parent.Id} hold {scores.Positives} positive and {scores.Negatives} negative labels, " +
                             $"fewer than {MinPerClass} of each: evaluating on the whole snapshot instead.");
                    scores = await ScoreAsync(dataset, snapshot, null, label, challenger, champion, ct);
                }
                else
                {
                    step.Log($"Evaluating on the rows snapshot {snapshot.Id} added over snapshot {parent.Id}.");
                }
            }
            if (scores.Positives == 0 || scores.Negatives == 0)
                throw new JobStepException($"The evaluation rows of {dataset.Name} snapshot {snapshot.Id} hold only one class ({scores.Positives} positive, {scores.Negatives} negative); ROC AUC needs both.");

            var challengerAuc = BinaryEvaluator.RocAuc(scores.Challenger, scores.Labels);
            var championAuc = BinaryEvaluator.RocAuc(scores.Champion, scores.Labels);
            var gain = challengerAuc - championAuc;
            var wins = gain >= minGain;
            step.Log($"{scores.Labels.Count} labelled rows ({scores.Positives} positive): challenger {challenger.Name} roc_auc {F(challengerAuc)}, " +
                     $"champion {champion.Name} roc_auc {F(championAuc)}; gain {F(gain)} {(wins ? ">=" : "<")} minGain {F(minGain)}: the challenger {(wins ? "wins" : "does not win")}.");
            return new Dictionary<string, object?>
            {
                ["challenger"] = challengerAuc, ["champion"] = championAuc, ["gain"] = gain, ["wins"] = wins, ["rows"] = (long)scores.Labels.Count,
            };
        }
        catch (OperationCanceledException e) when (ct.IsCancellationRequested)
        {
            throw StepFailures.Cancelled("the evaluation was not finished; it changes nothing.", e);
        }
    }

    private Contender Load(string what, string modelPath, string sha, DatasetSchema data)
    {
        try
        {
            var model = new ModelLoader(paths.Artifacts).Load(modelPath, sha);
            var signature = ModelSignature.Read(Path.Combine(Path.GetDirectoryName(model.Path)!, ArtifactNames.Signature));
            // The model's columns, found by name in the dataset: the snapshot's rows are stored in the dataset's order.
            var columns = signature.Schema.Columns.Select(c => data.Find(c.Name) is { } d
                ? d.Ordinal
                : c.Role == ColumnRole.Feature ? throw new JobStepException($"The model of {what} takes column '{c.Name}', which the dataset lacks.") : -1).ToArray();
            return new Contender(what, new ChurnScorer(model.Model, signature.Schema), signature, columns);
        }
        catch (ModelLoadException e)
        {
            throw new JobStepException($"The model of {what} cannot be loaded: {e.Message}", e);
        }
    }

    private sealed record Label(int Ordinal, string Positive, string Negative);

    private static Label LabelOf(Contender challenger, Contender champion, DatasetSchema data)
    {
        var a = challenger.Signature;
        var b = champion.Signature;
        if (!string.Equals(a.LabelColumn, b.LabelColumn, StringComparison.OrdinalIgnoreCase) || !string.Equals(a.PositiveLabel, b.PositiveLabel, StringComparison.OrdinalIgnoreCase))
            throw new JobStepException($"The challenger predicts {a.LabelColumn}='{a.PositiveLabel}', the champion {b.LabelColumn}='{b.PositiveLabel}': they cannot be compared.");
        var column = data.Find(a.LabelColumn) ?? throw new JobStepException($"The dataset has no label column '{a.LabelColumn}'.");
        return new Label(column.Ordinal, a.PositiveLabel, a.NegativeLabel);
    }

    private sealed record Scores(List<float> Challenger, List<float> Champion, List<bool> Labels)
    {
        public int Positives => Labels.Count(l => l);

        public int Negatives => Labels.Count - Positives;
    }

    /// <summary>Both models' probabilities for the labelled rows (a row whose label is neither value is left out).</summary>
    private Task<Scores> ScoreAsync(Dataset dataset, Snapshot snapshot, Snapshot? since, Label label, Contender challenger, Contender champion, CancellationToken ct) =>
        // The store is read synchronously and scoring is CPU work: off the caller's thread.
        Task.Run(() =>
        {
            var scores = new Scores([], [], []);
            foreach (var chunk in datasets.ReadRows(dataset, snapshot, since).Chunk(Batch))
            {
                ct.ThrowIfCancellationRequested();
                var labelled = new List<object?[]>(chunk.Length);
                foreach (var row in chunk)
                {
                    var value = Convert.ToString(row[label.Ordinal], CultureInfo.InvariantCulture);
                    if (string.Equals(value, label.Positive, StringComparison.OrdinalIgnoreCase)) scores.Labels.Add(true);
                    else if (string.Equals(value, label.Negative, StringComparison.OrdinalIgnoreCase)) scores.Labels.Add(false);
                    else continue;
                    labelled.Add(row);
                }
                scores.Challenger.AddRange(challenger.Scorer.Score(Project(labelled, challenger.Columns), ct));
                scores.Champion.AddRange(champion.Scorer.Score(Project(labelled, champion.Columns), ct));
            }
            return scores;
        }, ct);

    private static List<object?[]> Project(List<object?[]> rows, int[] columns) =>
        rows.Select(r => columns.Select(c => c < 0 ? null : r[c]).ToArray()).ToList();

    private static string F(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);
}
