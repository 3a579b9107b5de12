using System.Globalization;
using System.Text;
using Telco.InsightPortal.Core.Data;
using Telco.InsightPortal.Core.Data.Generators;
using Telco.InsightPortal.Core.Data.Ingestion;
using Telco.InsightPortal.Core.Jobs;
using Telco.InsightPortal.Data.Datasets;
using Telco.InsightPortal.Web.Datasets;
using Telco.InsightPortal.Web.Hosting;

namespace Telco.InsightPortal.Web.Jobs.Kinds;

/// <summary>
/// Appends to an existing dataset, through the same write path as an upload (one transaction per snapshot, audited as
/// the job): a generated batch from the dataset's own generator, or every <c>*.csv</c> waiting in
/// <c>&lt;data&gt;/inbox/&lt;dataset&gt;/</c>, oldest name first, each all-or-nothing and then moved to <c>processed/</c>, or
/// to <c>failed/</c> with the reason in <c>&lt;file&gt;.error.txt</c>. An empty inbox is not a failure: the step succeeds with
/// rows 0 and the current snapshot, so a pipeline can skip training on <c>$ingest.rows</c>. Some files failing among
/// committed ones is logged and the step succeeds; only when every file failed does the step fail.
/// </summary>
public sealed class IngestKind(DatasetStore datasets, DatasetIngestService ingest, SnapshotWriter writer, PortalPaths paths) : IJobKind
{
    public const string Inbox = "inbox";
    public const string Processed = "processed";
    public const string Failed = "failed";

    public string Name => JobKindCatalog.Ingest;

    public async Task<IReadOnlyDictionary<string, object?>> RunAsync(JobStepContext step, CancellationToken ct)
    {
        var name = step.Parameters.RequiredText("dataset");
        try
        {
            var dataset = await datasets.GetAsync(name, ct) ?? throw new JobStepException($"No dataset named '{name}'; a job appends to an existing dataset.");
            return step.Parameters.Text("source") switch
            {
                "generator" or null => await GenerateAsync(step, dataset, ct),
                "folder" => await FolderAsync(step, dataset, ct),
                var other => throw new JobStepException($"Unknown source '{other}': use generator or folder."),
            };
        }
        catch (OperationCanceledException e) when (ct.IsCancellationRequested)
        {
            // A file cut short says so itself; anything else was cancelled before or inside one all-or-nothing write.
            throw StepFailures.Cancelled($"nothing was appended to {name}.", e);
        }
    }

    /// <summary>The folder a dataset's files wait in; made on first use.</summary>
    public string InboxOf(string dataset) => Directory.CreateDirectory(Path.Combine(paths.DataDir, Inbox, dataset)).FullName;

    private async Task<IReadOnlyDictionary<string, object?>> GenerateAsync(JobStepContext step, Dataset dataset, CancellationToken ct)
    {
        if (dataset.Generator is null)
            throw new JobStepException($"Dataset '{dataset.Name}' is not fed by a generator (its rows were uploaded); use source=folder.");
        var request = new GeneratorRequest((int)(step.Parameters.Integer("rows") ?? 1000), step.Seed, step.Parameters.Number("drift") ?? 0);
        try
        {
            request.Validate();
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new JobStepException(e.Message, e);
        }
        step.Log($"Generating {request.Rows} rows for {dataset.Name} with {dataset.Generator} (seed {request.Seed}, drift {request.Drift.ToString("0.##", CultureInfo.InvariantCulture)}).");
        var result = await ingest.GenerateAsync(dataset.Name, dataset.Generator, request, step.Actor.ToWho(), ct);
        if (!result.Committed) throw new JobStepException($"The generated batch was not appended to {dataset.Name}: {result.Message}");
        var snapshot = result.Snapshot!;
        step.Log($"Appended {snapshot.RowsAdded} rows to {dataset.Name} as snapshot {snapshot.Id} (after {Id(snapshot.ParentId)}); {snapshot.TotalRows} rows in all.");
        return Outputs(snapshot.Id, snapshot.ParentId, snapshot.RowsAdded);
    }

    private async Task<IReadOnlyDictionary<string, object?>> FolderAsync(JobStepContext step, Dataset dataset, CancellationToken ct)
    {
        var inbox = InboxOf(dataset.Name);
        var files = Directory.GetFiles(inbox, "*.csv").Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0)
        {
            var current = dataset.CurrentSnapshotId is { } id ? await datasets.SnapshotAsync(dataset.Id, id, ct) : null;
            step.Log($"No CSV file waits in {Relative(inbox)}; nothing ingested, {dataset.Name} stays at snapshot {Id(current?.Id)}.");
            return Outputs(current?.Id, current?.ParentId, 0);
        }
        step.Log($"{files.Count} file(s) wait in {Relative(inbox)}.");
        Snapshot? first = null, last = null;
        long rows = 0;
        var failed = new List<string>();
        foreach (var file in files)
        {
            IngestResult result;
            try
            {
                await using var csv = File.OpenRead(file);
                result = await writer.IngestAsync(dataset.Name, csv, new IngestOptions
                {
                    Actor = step.Actor.ToWho(),
                    Source = $"job:{step.Job} inbox:{Path.GetFileName(file)}",
                }, ct);
            }
            catch (OperationCanceledException e) when (ct.IsCancellationRequested)
            {
                throw StepFailures.Cancelled($"{Path.GetFileName(file)} was not ingested and stays in the inbox" +
                                             (last is null ? "." : $"; earlier files are in snapshots up to {last.Id}."), e);
            }
            catch (IOException e)
            {
                // Unreadable now (still being copied in, say): left for the next run.
                step.Log($"{Path.GetFileName(file)} could not be read and stays in the inbox: {e.Message}");
                continue;
            }
            if (result.Committed)
            {
                var snapshot = result.Snapshot!;
                first ??= snapshot;
                last = snapshot;
                rows += snapshot.RowsAdded;
                var moved = Move(file, Path.Combine(inbox, Processed));
                step.Log($"{Path.GetFileName(file)}: {snapshot.RowsAdded} rows appended as snapshot {snapshot.Id}; moved to {Relative(moved)}.");
            }
            else
            {
                var moved = Move(file, Path.Combine(inbox, Failed));
                await File.WriteAllTextAsync(moved + ".error.txt", ErrorText(result), Encoding.UTF8, CancellationToken.None);
                failed.Add(Path.GetFileName(file));
                step.Log($"{Path.GetFileName(file)} was not ingested ({result.Message}); moved to {Relative(moved)}.");
            }
        }
        if (last is null)
        {
            if (failed.Count > 0) throw new JobStepException($"No file was ingested into {dataset.Name}: {string.Join(", ", failed)} failed (see their .error.txt in {Relative(Path.Combine(inbox, Failed))}).");
            var current = dataset.CurrentSnapshotId is { } id ? await datasets.SnapshotAsync(dataset.Id, id, ct) : null;
            return Outputs(current?.Id, current?.ParentId, 0);
        }
        if (failed.Count > 0) step.Log($"{failed.Count} file(s) failed and were moved to {Relative(Path.Combine(inbox, Failed))}: {string.Join(", ", failed)}.");
        step.Log($"Appended {rows} rows to {dataset.Name}: snapshots {first!.Id}..{last.Id}, after {Id(first.ParentId)}.");
        // The parent of the first file's snapshot, so that an increment since it covers every file of this run.
        return Outputs(last.Id, first.ParentId, rows);
    }

    private static IReadOnlyDictionary<string, object?> Outputs(long? snapshotId, long? parentSnapshotId, long rows) =>
        new Dictionary<string, object?> { ["snapshotId"] = snapshotId, ["parentSnapshotId"] = parentSnapshotId, ["rows"] = rows };

    /// <summary>Moves a file into <paramref name="folder"/>, never over an earlier file of the same name.</summary>
    private static string Move(string file, string folder)
    {
        Directory.CreateDirectory(folder);
        var target = Path.Combine(folder, Path.GetFileName(file));
        if (File.Exists(target))
            target = Path.Combine(folder, $"{Path.GetFileNameWithoutExtension(file)}.{DateTime.UtcNow:yyyyMMddTHHmmssfff}{Path.GetExtension(file)}");
        File.Move(file, target);
        return target;
    }

    private static string ErrorText(IngestResult result)
    {
        var text = new StringBuilder(result.Message ?? "The file was not ingested.").AppendLine();
        foreach (var error in result.Outcome?.Errors.Take(100) ?? []) text.AppendLine(error.Describe());
        return text.ToString();
    }

    private string Relative(string path) => Path.GetRelativePath(paths.DataDir, path).Replace(Path.DirectorySeparatorChar, '/');

    private static string Id(long? snapshot) => snapshot?.ToString(CultureInfo.InvariantCulture) ?? "none";
}
