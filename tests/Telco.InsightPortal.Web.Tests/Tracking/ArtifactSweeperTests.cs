using System.Net;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Telco.InsightPortal.Data.Store;
using Telco.InsightPortal.TestSupport;
using Telco.InsightPortal.Web.Experiments.Artifacts;
using Telco.InsightPortal.Web.Security;

namespace Telco.InsightPortal.Web.Tests.Tracking;

public sealed class ArtifactSweeperTests
{
    private static readonly DateTime TwoHoursAgo = DateTime.UtcNow.AddHours(-2);

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task OldOrphansAndStaleTempFilesGoWhileRunsAndFreshFilesStay(StoreProvider provider)
    {
        // The hosted sweeper's grace is ten years here, so only the sweep this test runs (grace one hour) removes anything.
        await using var portal = await PortalFactory.CreateAsync(provider, new Dictionary<string, string?> { ["Tracking:Artifacts:SweepGrace"] = "3650.00:00:00" });
        var http = await portal.ClientForAsync("scientist", Roles.DataScientist);
        var mlflow = new MlflowClient(http);
        var artifacts = new ArtifactClient(portal, http);
        var (runId, prefix) = await artifacts.NewRunAsync(mlflow);
        var (deletedId, _) = await artifacts.NewRunAsync(mlflow, "deleted");
        await ArtifactClient.JsonAsync(await artifacts.PutTextAsync(prefix + "/model.zip", "model"), HttpStatusCode.OK);
        await mlflow.OkAsync(mlflow.PostAsync("runs/delete", new { run_id = deletedId }));
        var root = Path.Combine(portal.Store.Directory, "artifacts");
        var runs = Path.Combine(root, "runs");
        var orphan = Plant(Path.Combine(runs, "0123456789abcdef0123456789abcdef"), "model.zip", old: true);
        var freshOrphan = Plant(Path.Combine(runs, "fedcba9876543210fedcba9876543210"), "model.zip", old: false);
        Plant(Path.Combine(runs, deletedId), "model.zip", old: true);
        var staleTemp = PlantFile(Path.Combine(runs, runId, $".model.zip.{Guid.NewGuid():N}.tmp"), old: true);
        var freshTemp = PlantFile(Path.Combine(runs, runId, $".roc.json.{Guid.NewGuid():N}.tmp"), old: false);
        var registryTemp = PlantFile(Path.Combine(root, "models", "churn", $".model.zip.{Guid.NewGuid():N}.tmp"), old: true);
        var notOurs = PlantFile(Path.Combine(runs, runId, ".keep.tmp"), old: true);
        var outside = Plant(Path.Combine(portal.Store.Directory, "elsewhere"), "keep.txt", old: true);
        Directory.CreateSymbolicLink(Path.Combine(runs, "linked"), outside);
        Directory.SetLastWriteTimeUtc(Path.Combine(runs, runId), TwoHoursAgo);
        var sweeper = ActivatorUtilities.CreateInstance<ArtifactSweeper>(portal.Services,
            Options.Create(new ArtifactOptions { SweepGrace = TimeSpan.FromHours(1) }));

        var result = await sweeper.SweepAsync();

        Assert.Equal(["0123456789abcdef0123456789abcdef"], result.RemovedDirectories);
        Assert.Equal([$"models/churn/{Path.GetFileName(registryTemp)}", $"runs/{runId}/{Path.GetFileName(staleTemp)}"], result.RemovedTempFiles.Order());
        Assert.False(Directory.Exists(orphan));
        Assert.False(File.Exists(staleTemp) || File.Exists(registryTemp));
        Assert.True(Directory.Exists(freshOrphan) && File.Exists(freshTemp) && File.Exists(notOurs));
        Assert.True(File.Exists(Path.Combine(runs, runId, "model.zip")) && File.Exists(Path.Combine(runs, deletedId, "model.zip")));
        Assert.True(File.Exists(Path.Combine(outside, "keep.txt")) && Directory.Exists(Path.Combine(runs, "linked")));
        await using var connection = await portal.Store.Factory.OpenAsync();
        Assert.Equal(1, await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM audit_entries WHERE action = 'artifact.sweep'"));
    }

    [Fact]
    public async Task ASweepWithNothingToRemoveWritesNoAuditEntry()
    {
        await using var portal = await PortalFactory.CreateAsync();
        var sweeper = ActivatorUtilities.CreateInstance<ArtifactSweeper>(portal.Services, Options.Create(new ArtifactOptions()));

        var result = await sweeper.SweepAsync();

        Assert.Empty(result.RemovedDirectories);
        Assert.Empty(result.RemovedTempFiles);
        await using var connection = await portal.Store.Factory.OpenAsync();
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM audit_entries WHERE action = 'artifact.sweep'"));
    }

    private static string Plant(string directory, string file, bool old)
    {
        PlantFile(Path.Combine(directory, file), old);
        if (old) Directory.SetLastWriteTimeUtc(directory, TwoHoursAgo);
        return directory;
    }

    private static string PlantFile(string path, bool old)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "x");
        if (old) File.SetLastWriteTimeUtc(path, TwoHoursAgo);
        return path;
    }
}
