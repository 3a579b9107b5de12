using System.Diagnostics;
using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;
using Telco.InsightPortal.Data.Datasets;
using Telco.InsightPortal.Data.Store;
using Telco.InsightPortal.TestSupport;

namespace Telco.InsightPortal.Data.Tests;

/// <summary>A process killed mid-ingest must leave the store exactly as its last commit left it.</summary>
public sealed class KillTests
{
    private const string Dataset = "bench"; // the bench program's default dataset name
    private const long FirstBatchRows = 2_000;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task SigkillDuringAMillionRowIngestLeavesNoPartialSnapshot()
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite);
        var db = Path.Combine(store.Directory, "portal.db");
        var datasets = new DatasetStore(store.Factory);
        Assert.Equal(0, await RunToEndAsync(db, FirstBatchRows));
        var before = (await datasets.GetAsync(Dataset))!;

        using var ingest = StartBench(db, 1_000_000);
        long progress;
        try
        {
            progress = await WaitForProgressAsync(ingest, atLeast: 200_000);
        }
        finally
        {
            // On Linux Kill sends SIGKILL: no finally block, no rollback and no dispose runs in the child.
            // The whole tree, in case the dotnet host ever runs the app as a child rather than in-process;
            // and in a finally, so that a failed wait never leaves the child ingesting.
            ingest.Kill(entireProcessTree: true);
        }
        using (var exit = new CancellationTokenSource(Deadline)) await ingest.WaitForExitAsync(exit.Token);

        Assert.InRange(progress, 200_000, 999_999);
        Assert.Equal(128 + 9, ingest.ExitCode); // killed by signal 9, not finished or failed on its own
        SqliteConnection.ClearAllPools(); // reopen from scratch, so that the first connection recovers the WAL
        await using (var connection = await store.Factory.OpenAsync())
        {
            Assert.Equal("ok", await connection.ExecuteScalarAsync<string>("PRAGMA integrity_check"));
            Assert.Equal((FirstBatchRows, FirstBatchRows), await TypedRowsAsync(connection, before));
        }
        var after = (await datasets.GetAsync(Dataset))!;
        Assert.Equal((before.CurrentSnapshotId, FirstBatchRows), (after.CurrentSnapshotId, after.TotalRows));
        Assert.Single(await datasets.SnapshotsAsync(before.Id));

        Assert.Equal(0, await RunToEndAsync(db, 500));
        var next = (await datasets.GetAsync(Dataset))!;
        Assert.Equal(FirstBatchRows + 500, next.TotalRows);
        Assert.Equal(2, (await datasets.SnapshotsAsync(before.Id)).Count);
        await using (var connection = await store.Factory.OpenAsync())
            Assert.Equal((FirstBatchRows + 500, FirstBatchRows + 500), await TypedRowsAsync(connection, before));
    }

    private static async Task<(long Rows, long MaxRowId)> TypedRowsAsync(System.Data.Common.DbConnection connection, Core.Data.Dataset dataset)
    {
        var table = new RowTable(dataset.Id, dataset.Schema, StoreProvider.Sqlite).Name;
        return await connection.QuerySingleAsync<(long, long)>($"SELECT COUNT(*), COALESCE(MAX(_row_id), 0) FROM {table}");
    }

    private static async Task<int> RunToEndAsync(string db, long rows)
    {
        using var process = StartBench(db, rows);
        using var deadline = new CancellationTokenSource(Deadline);
        try
        {
            await process.StandardOutput.ReadToEndAsync(deadline.Token);
            await process.WaitForExitAsync(deadline.Token);
            return process.ExitCode;
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
    }

    /// <summary>Reads the child's "progress N" lines until N reaches <paramref name="atLeast"/>, within the deadline.</summary>
    private static async Task<long> WaitForProgressAsync(Process process, long atLeast)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        while (await process.StandardOutput.ReadLineAsync(deadline.Token) is { } line)
        {
            if (line.StartsWith("progress ", StringComparison.Ordinal)
                && long.Parse(line.AsSpan(9), CultureInfo.InvariantCulture) is var rows && rows >= atLeast)
                return rows;
        }
        throw new InvalidOperationException($"The ingest ended (exit code {(process.WaitForExit(5000) ? process.ExitCode : -1)}) before reaching {atLeast:N0} rows.");
    }

    private static Process StartBench(string db, long rows)
    {
        // DOTNET_HOST_PATH is set by the dotnet CLI that runs the tests; outside it, dotnet is on the PATH.
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { BenchDll(), "ingest", "--db", db, "--rows", rows.ToString(CultureInfo.InvariantCulture) })
            start.ArgumentList.Add(arg);
        return Process.Start(start)!;
    }

    /// <summary>The bench program's build output, found from this test's own: the same configuration and
    /// target framework, under the repository root.</summary>
    private static string BenchDll()
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var (framework, configuration) = (output.Name, output.Parent!.Name);
        for (var dir = output; dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, "Telco.InsightPortal.sln"))) continue;
            var dll = Path.Combine(dir.FullName, "bench", "Telco.InsightPortal.Bench.Ingest", "bin", configuration, framework,
                "Telco.InsightPortal.Bench.Ingest.dll");
            Assert.True(File.Exists(dll), $"The bench program is not built at {dll}.");
            return dll;
        }
        throw new InvalidOperationException("The repository root (Telco.InsightPortal.sln) is not above the test output.");
    }
}
