using System.Text;
using Telco.InsightPortal.Core.Audit;
using Telco.InsightPortal.Core.Data.Generators;
using Telco.InsightPortal.Core.Data.Ingestion;
using Telco.InsightPortal.Core.Jobs;
using Telco.InsightPortal.Data.Datasets;
using Telco.InsightPortal.Web.Datasets;

namespace Telco.InsightPortal.Web.Tests.Jobs.Kinds;

[Collection(nameof(KindsPortalCollection))]
public sealed class IngestKindTests(KindsPortal portal)
{
    private static readonly TelcoChurnGenerator Telco = new();

    [Fact]
    public async Task TheGeneratorAppendsABatchAsTheJob()
    {
        var before = await NewDatasetAsync("ingest-gen");

        var step = await portal.RunAsync(JobKindCatalog.Ingest, new() { ["dataset"] = "ingest-gen", ["rows"] = 40L, ["drift"] = 0.5, ["seed"] = 7L });

        var dataset = (await Datasets.GetAsync("ingest-gen", Ct))!;
        var snapshot = (await Datasets.SnapshotAsync(dataset.Id, dataset.CurrentSnapshotId!.Value, Ct))!;
        Assert.Equal(40L, step["rows"]);
        Assert.Equal(before, step["parentSnapshotId"]);
        Assert.Equal(snapshot.Id, step["snapshotId"]);
        Assert.Equal(before, snapshot.ParentId);
        Assert.Equal(90, snapshot.TotalRows);
        Assert.Equal("job:nightly", snapshot.CommittedBy);
        Assert.Contains("seed=7 drift=0.5", snapshot.Source, StringComparison.Ordinal);
        Assert.Contains(step.Log, l => l.Contains($"snapshot {snapshot.Id}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EachInboxFileIsIngestedWholeAndMovedAsideAFailedOneWithItsReason()
    {
        var before = await NewDatasetAsync("ingest-folder");
        var inbox = Path.Combine(portal.DataDir, "inbox", "ingest-folder");
        Directory.CreateDirectory(inbox);
        await WriteBatchAsync(Path.Combine(inbox, "a-monday.csv"), rows: 30, batch: 5);
        await WriteBatchAsync(Path.Combine(inbox, "b-tuesday.csv"), rows: 20, batch: 6);
        await File.WriteAllTextAsync(Path.Combine(inbox, "c-broken.csv"), "customerID,tenure\nX-1,ten\n", Ct);
        await File.WriteAllTextAsync(Path.Combine(inbox, "notes.txt"), "not a csv", Ct);

        var step = await portal.RunAsync(JobKindCatalog.Ingest, new() { ["dataset"] = "ingest-folder", ["source"] = "folder" });

        var dataset = (await Datasets.GetAsync("ingest-folder", Ct))!;
        var snapshots = (await Datasets.SnapshotsAsync(dataset.Id, Ct)).OrderBy(s => s.Id).ToList();
        Assert.Equal(50L, step["rows"]);
        Assert.Equal(before, step["parentSnapshotId"]);
        Assert.Equal(dataset.CurrentSnapshotId, step["snapshotId"]);
        Assert.Equal([50L, 30L, 20L], snapshots.Select(s => s.RowsAdded));
        Assert.Equal(["notes.txt"], Directory.GetFiles(inbox).Select(Path.GetFileName));
        Assert.Equal(["a-monday.csv", "b-tuesday.csv"], Directory.GetFiles(Path.Combine(inbox, "processed")).Select(Path.GetFileName).Order());
        Assert.True(File.Exists(Path.Combine(inbox, "failed", "c-broken.csv")));
        Assert.False(string.IsNullOrWhiteSpace(await File.ReadAllTextAsync(Path.Combine(inbox, "failed", "c-broken.csv.error.txt"), Ct)));
        Assert.Contains(step.Log, l => l.Contains("1 file(s) failed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnEmptyInboxIsMadeAndTheStepSucceedsWithNoRows()
    {
        var before = await NewDatasetAsync("ingest-empty");

        var step = await portal.RunAsync(JobKindCatalog.Ingest, new() { ["dataset"] = "ingest-empty", ["source"] = "folder" });

        Assert.True(Directory.Exists(Path.Combine(portal.DataDir, "inbox", "ingest-empty")));
        Assert.Equal(0L, step["rows"]);
        Assert.Equal(before, step["snapshotId"]);
        Assert.Null(step["parentSnapshotId"]);
        Assert.Contains(step.Log, l => l.Contains("No CSV file waits", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WhenEveryFileFailsTheStepFailsAndNothingIsCommitted()
    {
        var before = await NewDatasetAsync("ingest-allbad");
        var inbox = Path.Combine(portal.DataDir, "inbox", "ingest-allbad");
        Directory.CreateDirectory(inbox);
        await File.WriteAllTextAsync(Path.Combine(inbox, "bad.csv"), "nothing,like,the,schema\n1,2,3,4\n", Ct);

        var step = await portal.RunAsync(JobKindCatalog.Ingest, new() { ["dataset"] = "ingest-allbad", ["source"] = "folder" });

        Assert.Contains("No file was ingested into ingest-allbad: bad.csv failed", step.Reason, StringComparison.Ordinal);
        Assert.Equal(before, (await Datasets.GetAsync("ingest-allbad", Ct))!.CurrentSnapshotId);
        Assert.True(File.Exists(Path.Combine(inbox, "failed", "bad.csv.error.txt")));
    }

    [Fact]
    public async Task AnUnknownOrUploadedDatasetIsRefusedForTheGenerator()
    {
        await using (var csv = new MemoryStream(Encoding.UTF8.GetBytes("id,amount\n1,2.5\n2,3.5\n")))
            Assert.True((await portal.Get<SnapshotWriter>().IngestAsync("ingest-uploaded", csv, new IngestOptions(), Ct)).Committed);

        var unknown = await portal.RunAsync(JobKindCatalog.Ingest, new() { ["dataset"] = "ingest-nowhere" });
        var uploaded = await portal.RunAsync(JobKindCatalog.Ingest, new() { ["dataset"] = "ingest-uploaded", ["rows"] = 10L });

        Assert.Equal("No dataset named 'ingest-nowhere'; a job appends to an existing dataset.", unknown.Reason);
        Assert.Contains("is not fed by a generator", uploaded.Reason, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(portal.DataDir, "inbox", "ingest-nowhere")));
        Assert.Single(await Datasets.SnapshotsAsync((await Datasets.GetAsync("ingest-uploaded", Ct))!.Id, Ct));
    }

    [Fact]
    public async Task ACancelledGenerationAppendsNothing()
    {
        var before = await NewDatasetAsync("ingest-cancel");
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var step = await portal.RunAsync(JobKindCatalog.Ingest, new() { ["dataset"] = "ingest-cancel", ["rows"] = 500L }, cancelled.Token);

        Assert.Equal("Cancelled: nothing was appended to ingest-cancel.", step.Reason);
        Assert.Equal(before, (await Datasets.GetAsync("ingest-cancel", Ct))!.CurrentSnapshotId);
    }

    /// <summary>A generated dataset of 50 rows; its snapshot.</summary>
    private async Task<long> NewDatasetAsync(string name)
    {
        var result = await portal.Get<DatasetIngestService>().GenerateAsync(name, Telco.Name, new GeneratorRequest(50, 1), new Who("dora"), Ct);
        Assert.True(result.Committed, result.Message);
        return result.Snapshot!.Id;
    }

    private static async Task WriteBatchAsync(string path, int rows, long batch)
    {
        await using var csv = new GeneratorCsvStream(Telco, new GeneratorRequest(rows, 3, 0, batch));
        await using var file = File.Create(path);
        await csv.CopyToAsync(file, Ct);
    }

    private DatasetStore Datasets => portal.Get<DatasetStore>();

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;
}
