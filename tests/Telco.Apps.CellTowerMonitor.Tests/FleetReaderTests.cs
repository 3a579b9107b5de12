using Telco.InsightPortal.Apps;

namespace Telco.Apps.CellTowerMonitor.Tests;

/// <summary>Reading a snapshot page by page: every page at most the host's limit, all rows once, stopping at the cap.</summary>
public sealed class FleetReaderTests
{
    [Fact]
    public async Task ASnapshotIsReadInPagesOfTheMaximumSizeUntilItsTotal()
    {
        var host = HostWith(2_500);
        var progress = new List<(int, long)>();

        var read = await FleetReader.ReadAsync(host, CellTowerMonitorApp.AppId, 11, FleetReader.DefaultCap, Record(progress));

        Assert.Equal([(0, 1000), (1000, 1000), (2000, 1000)], host.Queries.Select(q => (q.Query.Offset, q.Query.Limit)));
        Assert.Equal(Enumerable.Range(1, 2_500).Select(i => (long)i), read.Rows.Select(r => r.RowId));
        Assert.Equal([(1000, 2500L), (2000, 2500L), (2500, 2500L)], progress);
        Assert.False(read.Capped);
        Assert.Equal(2_500, read.Total);
    }

    [Fact]
    public async Task TheReadStopsAtTheCapAndSaysSo()
    {
        var host = HostWith(2_500);

        var read = await FleetReader.ReadAsync(host, CellTowerMonitorApp.AppId, 11, 1_500, Record([]));

        Assert.Equal([(0, 1000), (1000, 500)], host.Queries.Select(q => (q.Query.Offset, q.Query.Limit)));
        Assert.Equal(1_500, read.Rows.Count);
        Assert.True(read.Capped);
    }

    [Fact]
    public async Task ScoringProgressAndTheOldestCachedScoreAreReported()
    {
        var host = HostWith(10);
        host.Scored = 4;
        host.ScoredAt = new DateTimeOffset(2026, 12, 6, 9, 30, 0, TimeSpan.Zero);

        var read = await FleetReader.ReadAsync(host, CellTowerMonitorApp.AppId, 11, 100, Record([]));

        Assert.False(read.FullyScored);
        Assert.Equal((4L, 10L), (read.Scored, read.SnapshotRows));
        Assert.Equal(host.ScoredAt, read.ScoredAt);
    }

    [Fact]
    public async Task AnUnavailableDeploymentIsPassedOnInWords()
    {
        var host = HostWith(10);
        host.Unavailable = "Deployment cell-tower-failure is stopped.";

        var e = await Assert.ThrowsAsync<AppUnavailableException>(() => FleetReader.ReadAsync(host, CellTowerMonitorApp.AppId, 11, 100, Record([])));

        Assert.Equal("Deployment cell-tower-failure is stopped.", e.Message);
    }

    private static FakeAppHost HostWith(int rows)
    {
        var events = new EventRows();
        for (var i = 1; i <= rows; i++) events.Add(i, $"t{i % 48}", "NewComm", "power off", -83, 51, 0.5, 0);
        var host = new FakeAppHost();
        host.RowsBySnapshot[11] = events.Build();
        return host;
    }

    private static Func<int, long, Task> Record(List<(int, long)> progress) => (read, total) =>
    {
        progress.Add((read, total));
        return Task.CompletedTask;
    };
}
