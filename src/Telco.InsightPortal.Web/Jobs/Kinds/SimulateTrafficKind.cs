using System.Diagnostics;
using System.Globalization;
using Telco.InsightPortal.Core.Data;
using Telco.InsightPortal.Core.Data.Generators;
using Telco.InsightPortal.Core.Jobs;
using Telco.InsightPortal.Data.Datasets;
using Telco.InsightPortal.Data.Deployments;
using Telco.InsightPortal.Data.Tracking;
using Telco.InsightPortal.Ml.Artifacts;
using Telco.InsightPortal.Web.Deployments.Client;
using Telco.InsightPortal.Web.Hosting;

namespace Telco.InsightPortal.Web.Jobs.Kinds;

/// <summary>
/// Scores rows against a deployment the way a caller would: over HTTP through <see cref="ServingClient"/> with the
/// portal's key, in batches paced to the rate, so every prediction enters the log that monitoring reads. Rows are fresh
/// generated ones (from the generator of the dataset the served version was trained on, with the drift asked for) or a
/// seeded sample of that dataset's current snapshot; the label column is kept back from the request. After the delay,
/// the true labels of a seeded share of the scored predictions are posted by uuid, as the labels API does. A refused
/// batch is counted, not retried (serving logs what it scored); the step fails only when every batch was refused.
/// </summary>
/// <remarks>The client is resolved per run: it fixes serving's address when made, which needs the portal listening.</remarks>
public sealed class SimulateTrafficKind(DeploymentStore deployments, PortalKeys keys, TrackingStore tracking, DatasetStore datasets, PortalPaths paths,
    IServiceProvider services) : IJobKind
{
    /// <summary>The most rows in one request (what an app sends to /explain in one call).</summary>
    public const int MaxBatch = 1000;

    /// <summary>Predictions reach the log a moment after they are answered; labels for ones not yet there are tried again.</summary>
    private static readonly TimeSpan LabelRetry = TimeSpan.FromSeconds(1);
    private const int LabelAttempts = 10;

    public string Name => JobKindCatalog.SimulateTraffic;

    private sealed record Traffic(DatasetSchema Schema, IReadOnlyList<object?[]> Rows, int LabelOrdinal, string Positive, string Negative);

    public async Task<IReadOnlyDictionary<string, object?>> RunAsync(JobStepContext step, CancellationToken ct)
    {
        var p = step.Parameters;
        var name = p.RequiredText("deployment");
        var rows = (int)(p.Integer("rows") ?? 1000);
        var rate = p.Number("ratePerSecond") ?? 100;
        var share = p.Number("labelShare") ?? 0.5;
        var delay = TimeSpan.FromSeconds(p.Integer("labelDelaySeconds") ?? 10);
        if (rows < 1 || !(rate > 0) || !(share is >= 0 and <= 1))
            throw new JobStepException($"rows must be at least 1, ratePerSecond above 0 and labelShare within 0..1; got {rows}, {rate}, {share}.");
        long sent = 0, errors = 0, labelled = 0;
        try
        {
            var state = await deployments.GetStateAsync(name, ct) ?? throw new JobStepException($"No deployment named '{name}'.");
            if (state.Deployment.Status == DeploymentStatus.Stopped) throw new JobStepException($"Deployment '{name}' is stopped; start it before sending it traffic.");
            var key = await keys.FindAsync(state.Deployment, ct)
                      ?? throw new JobStepException($"Deployment '{name}' has no portal key to score with; starting or redeploying it makes one.");
            var traffic = await TrafficAsync(step, state, rows, ct);

            var client = services.GetRequiredService<ServingClient>();
            var batch = (int)Math.Clamp(Math.Ceiling(rate), 1, MaxBatch);
            var scored = new List<(string Uuid, int? Label)>(rows);
            var clock = Stopwatch.StartNew();
            var nextReport = 0.1;
            step.Log($"Sending {rows} rows to {name} at {rate.ToString("0.##", CultureInfo.InvariantCulture)} rows/s in batches of {batch}.");
            for (var offset = 0; offset < rows; offset += batch)
            {
                var due = TimeSpan.FromSeconds(offset / rate) - clock.Elapsed;
                if (due > TimeSpan.Zero) await Task.Delay(due, ct);
                var chunk = Enumerable.Range(offset, Math.Min(batch, rows - offset)).Select(i => traffic.Rows[i % traffic.Rows.Count]).ToList();
                try
                {
                    var predictions = await client.InvokeAsync(name, key, chunk.Select(r => Record(traffic, r)).ToList(), ct);
                    for (var i = 0; i < predictions.Count; i++) scored.Add((predictions[i].Uuid, TrueLabel(traffic, chunk[i])));
                    sent += predictions.Count;
                }
                catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    if (errors == 0) step.Log($"A batch was refused: {e.Message}");
                    errors += chunk.Count;
                }
                if ((double)(offset + chunk.Count) / rows >= nextReport)
                {
                    step.Log($"{offset + chunk.Count}/{rows} rows sent: {sent} scored, {errors} refused ({clock.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s).");
                    while ((double)(offset + chunk.Count) / rows >= nextReport) nextReport += 0.1;
                }
            }
            if (sent == 0) throw new JobStepException($"Every request to {name} was refused ({errors} rows); see the step's log for the first reason.");

            labelled = await LabelAsync(step, state.Deployment, scored, share, delay, ct);
            return new Dictionary<string, object?> { ["sent"] = sent, ["errors"] = errors, ["labelled"] = labelled };
        }
        catch (OperationCanceledException e) when (ct.IsCancellationRequested)
        {
            throw StepFailures.Cancelled($"{sent} of {rows} rows were scored ({errors} refused) and no labels were posted.", e);
        }
    }

    /// <summary>The rows to send, in the schema of the dataset the served version was trained on, and its label.</summary>
    private async Task<Traffic> TrafficAsync(JobStepContext step, DeploymentState state, int rows, CancellationToken ct)
    {
        var served = state.Targets.OrderByDescending(t => t.Weight).First();
        ModelSignature signature;
        try
        {
            signature = ModelSignature.Read(Path.Combine(Path.GetDirectoryName(new ModelLoader(paths.Artifacts).Resolve(served.ModelPath))!, ArtifactNames.Signature));
        }
        catch (ModelLoadException e)
        {
            throw new JobStepException($"The model {served.Model} version {served.Version} has no readable signature: {e.Message}", e);
        }
        string datasetName;
        try
        {
            datasetName = (await tracking.GetRunAsync(served.RunId, ct)).Tags.FirstOrDefault(t => t.Key == "dataset")?.Value
                          ?? throw new JobStepException($"The run {served.RunId} of {served.Model} version {served.Version} names no dataset to draw rows from.");
        }
        catch (TrackingException e) when (e.ErrorCode == TrackingErrors.NotFound)
        {
            throw new JobStepException($"The run {served.RunId} of {served.Model} version {served.Version} no longer exists: no dataset to draw rows from.", e);
        }
        var dataset = await datasets.GetAsync(datasetName, ct) ?? throw new JobStepException($"Dataset '{datasetName}' no longer exists.");
        var seed = step.Seed;
        if ((step.Parameters.Text("source") ?? "generator") == "generator")
        {
            var generator = dataset.Generator is { } g ? GeneratorCatalog.BuiltIn.Find(g) : null;
            if (generator is null) throw new JobStepException($"Dataset '{dataset.Name}' is not fed by a generator; use source=snapshot.");
            // The last batch number: simulated customers do not share ids with the ingested batches.
            var request = new GeneratorRequest(rows, seed, step.Parameters.Number("drift") ?? 0, GeneratorRequest.MaxBatch);
            try
            {
                request.Validate();
            }
            catch (ArgumentOutOfRangeException e)
            {
                throw new JobStepException(e.Message, e);
            }
            step.Log($"Generating {rows} rows with {generator.Name} (seed {seed}, drift {request.Drift.ToString("0.##", CultureInfo.InvariantCulture)}).");
            return WithLabel(generator.Schema, [.. generator.Generate(request)], signature);
        }
        if (step.Parameters.Text("source") != "snapshot") throw new JobStepException($"Unknown source '{step.Parameters.Text("source")}': use generator or snapshot.");
        var snapshot = dataset.CurrentSnapshotId is { } id ? await datasets.SnapshotAsync(dataset.Id, id, ct) : null;
        if (snapshot is null || snapshot.TotalRows == 0) throw new JobStepException($"Dataset '{dataset.Name}' has no rows to send.");
        var sample = await Task.Run(() => Sample(datasets.ReadRows(dataset, snapshot), rows, new Random(seed), ct), ct);
        step.Log($"Sampled {sample.Count} of the {snapshot.TotalRows} rows of {dataset.Name} snapshot {snapshot.Id} (seed {seed})" +
                 (sample.Count < rows ? "; they are sent more than once." : "."));
        return WithLabel(dataset.Schema, sample, signature);
    }

    private static Traffic WithLabel(DatasetSchema schema, IReadOnlyList<object?[]> rows, ModelSignature signature)
    {
        var label = schema.Find(signature.LabelColumn) ?? throw new JobStepException($"The rows have no label column '{signature.LabelColumn}' to label predictions with.");
        return new Traffic(schema, rows, label.Ordinal, signature.PositiveLabel, signature.NegativeLabel);
    }

    /// <summary>A seeded uniform sample of up to <paramref name="size"/> rows (reservoir sampling, one pass).</summary>
    private static List<object?[]> Sample(IEnumerable<object?[]> rows, int size, Random random, CancellationToken ct)
    {
        var sample = new List<object?[]>(size);
        long seen = 0;
        foreach (var row in rows)
        {
            if ((++seen & 0xFFF) == 0) ct.ThrowIfCancellationRequested();
            if (sample.Count < size) sample.Add(row);
            else
            {
                var j = random.NextInt64(seen);
                if (j < size) sample[(int)j] = row;
            }
        }
        return sample;
    }

    private static Dictionary<string, object?> Record(Traffic traffic, object?[] row) => Record(traffic.Schema, traffic.LabelOrdinal, row);

    /// <summary>The row as a request carries it: every column by name but the label.</summary>
    internal static Dictionary<string, object?> Record(DatasetSchema schema, int labelOrdinal, object?[] row)
    {
        var record = new Dictionary<string, object?>(row.Length, StringComparer.Ordinal);
        foreach (var column in schema.Columns)
            if (column.Ordinal != labelOrdinal) record[column.Name] = row[column.Ordinal];
        return record;
    }

    private static int? TrueLabel(Traffic traffic, object?[] row)
    {
        var value = Convert.ToString(row[traffic.LabelOrdinal], CultureInfo.InvariantCulture);
        return string.Equals(value, traffic.Positive, StringComparison.OrdinalIgnoreCase) ? 1
            : string.Equals(value, traffic.Negative, StringComparison.OrdinalIgnoreCase) ? 0
            : null;
    }

    private async Task<long> LabelAsync(JobStepContext step, DeploymentRecord deployment, List<(string Uuid, int? Label)> scored, double share, TimeSpan delay,
        CancellationToken ct)
    {
        var count = (int)Math.Round(share * scored.Count, MidpointRounding.AwayFromZero);
        var chosen = scored.Where(s => s.Label is not null).ToList();
        new Random(step.Seed).Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(chosen));
        var labels = chosen.Take(count).Select(s => new DelayedLabel(s.Uuid, s.Label!.Value)).ToList();
        if (labels.Count == 0)
        {
            step.Log("No delayed labels to post.");
            return 0;
        }
        step.Log($"Posting {labels.Count} delayed labels in {delay.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s.");
        if (delay > TimeSpan.Zero) await Task.Delay(delay, ct);
        long stored = 0;
        for (var attempt = 1; labels.Count > 0; attempt++)
        {
            var unknown = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var chunk in labels.Chunk(DeploymentStore.MaxLabelsPerCall))
            {
                var outcome = await deployments.AddLabelsAsync(deployment, chunk, ct);
                stored += outcome.Stored;
                unknown.UnionWith(outcome.Unknown);
            }
            labels = [.. labels.Where(l => unknown.Contains(l.Uuid!))];
            if (labels.Count == 0 || attempt == LabelAttempts) break;
            await Task.Delay(LabelRetry, ct);
        }
        step.Log($"Posted {stored} delayed labels" + (labels.Count > 0 ? $"; {labels.Count} predictions were not in the log (is prediction logging off?)." : "."));
        return stored;
    }
}
