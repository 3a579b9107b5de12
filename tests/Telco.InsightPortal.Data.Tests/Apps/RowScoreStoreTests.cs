using Telco.InsightPortal.Core.Errors;
using Telco.InsightPortal.Data.Apps;
using Telco.InsightPortal.Data.Store;

namespace Telco.InsightPortal.Data.Tests.Apps;

/// <summary>The score cache (migration 0014) under a snapshot page: filters, sorts and band counts run in the store;
/// rows not scored yet come back without a score; saving twice keeps the first score; bad filters are refused by name.</summary>
public sealed class RowScoreStoreTests
{
    private const string Sha = "abc123";

    private const string Csv = """
        customerID,Contract,tenure,MonthlyCharges
        A-1,Month-to-month,1,70.5
        A-2,One year,24,50
        A-3,Month-to-month,5,90
        A-4,Two year,60,20
        A-5,Month-to-month,12,80
        """;

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task APageFiltersSortsAndCountsBandsInTheStore(StoreProvider provider)
    {
        await using var s = await StoreUnderTest.CreateAsync(provider);
        var (dataset, snapshot, scores) = await SeedAsync(s);
        var ids = await IdsAsync(scores, dataset, snapshot);
        await scores.SaveAsync(dataset.Id, Sha, [(ids["A-1"], 0.9), (ids["A-2"], 0.2), (ids["A-3"], 0.6), (ids["A-4"], 0.05)]);

        var monthly = await scores.PageAsync(dataset, snapshot, Sha, new RowScoreQuery
        {
            In = new Dictionary<string, IReadOnlyList<string>> { ["Contract"] = ["Month-to-month"] },
            SortByProbability = true, Descending = true, Bands = [0.25, 0.5],
        });
        var risky = await scores.PageAsync(dataset, snapshot, Sha, new RowScoreQuery
        {
            Range = new Dictionary<string, (double?, double?)> { ["tenure"] = (2, 30) }, MinProbability = 0.5,
        });

        // A-5 has no score yet: it sorts last and counts in no band.
        Assert.Equal(["A-1", "A-3", "A-5"], monthly.Rows.Select(r => (string)r.Values[0]!));
        Assert.Equal([0.9, 0.6, null], monthly.Rows.Select(r => r.Probability));
        Assert.Equal((3L, 4L), (monthly.Total, monthly.Scored));
        Assert.Equal([0L, 0L, 2L], monthly.BandCounts);
        Assert.Equal(["A-3"], risky.Rows.Select(r => (string)r.Values[0]!));
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task UnscoredRowsAreWhatTheFillerGetsAndAScoreIsNeverReplaced(StoreProvider provider)
    {
        await using var s = await StoreUnderTest.CreateAsync(provider);
        var (dataset, snapshot, scores) = await SeedAsync(s);
        var ids = await IdsAsync(scores, dataset, snapshot);

        await scores.SaveAsync(dataset.Id, Sha, [(ids["A-1"], 0.9)]);
        await scores.SaveAsync(dataset.Id, Sha, [(ids["A-1"], 0.1), (ids["A-2"], 0.3)]);
        var unscored = await scores.UnscoredAsync(dataset, snapshot, Sha, 10);
        var otherModel = await scores.UnscoredAsync(dataset, snapshot, "other", 10);
        var page = await scores.PageAsync(dataset, snapshot, Sha, new RowScoreQuery());

        Assert.Equal(["A-3", "A-4", "A-5"], unscored.Select(r => (string)r.Values[0]!));
        Assert.Equal(5, otherModel.Count);
        Assert.Equal(0.9, page.Rows.Single(r => r.RowId == ids["A-1"]).Probability);
        Assert.NotNull(page.Rows.Single(r => r.RowId == ids["A-1"]).ScoredAt);
    }

    [Theory]
    [InlineData("Nope", null, "no column 'Nope'")]
    [InlineData("tenure", "twelve", "tenure is a number")]
    [InlineData("Contract", "range", "Contract is not a number")]
    public async Task ABadFilterIsRefusedNamingIt(string column, string? value, string message)
    {
        await using var s = await StoreUnderTest.CreateAsync(StoreProvider.Sqlite);
        var (dataset, snapshot, scores) = await SeedAsync(s);
        var query = value == "range"
            ? new RowScoreQuery { Range = new Dictionary<string, (double?, double?)> { [column] = (1, 2) } }
            : new RowScoreQuery { In = new Dictionary<string, IReadOnlyList<string>> { [column] = [value ?? "x"] } };

        var refused = await Assert.ThrowsAsync<PortalException>(() => scores.PageAsync(dataset, snapshot, Sha, query));

        Assert.Contains(message, refused.Message);
    }

    [Fact]
    public async Task InjectionInFilterValuesAndNamesNeverReachesTheSql()
    {
        await using var s = await StoreUnderTest.CreateAsync(StoreProvider.Sqlite);
        var (dataset, snapshot, _) = await SeedAsync(s);
        const string payload = "x'); DROP TABLE row_scores; --";
        var table = new Datasets.RowTable(dataset.Id, dataset.Schema, StoreProvider.Sqlite);

        var sql = new RowScoreSql(table, dataset.Id, payload, 0, 10,
            new RowScoreQuery { In = new Dictionary<string, IReadOnlyList<string>> { ["Contract"] = [payload] }, Bands = [0.5] });

        Assert.DoesNotContain(payload, sql.Page + sql.Count + sql.Scored + sql.BandCounts);
        Assert.Throws<PortalException>(() => new RowScoreSql(table, dataset.Id, Sha, 0, 10,
            new RowScoreQuery { In = new Dictionary<string, IReadOnlyList<string>> { [payload] = ["x"] } }));
    }

    private static async Task<(Core.Data.Dataset, Core.Data.Snapshot, RowScoreStore)> SeedAsync(StoreUnderTest s)
    {
        var result = await s.IngestAsync("churn", Csv);
        var dataset = (await s.Datasets.GetAsync("churn"))!;
        return (dataset, result.Snapshot!, new RowScoreStore(s.Store.Factory, TimeProvider.System));
    }

    private static async Task<Dictionary<string, long>> IdsAsync(RowScoreStore scores, Core.Data.Dataset dataset, Core.Data.Snapshot snapshot) =>
        (await scores.PageAsync(dataset, snapshot, Sha, new RowScoreQuery { Limit = 100 })).Rows.ToDictionary(r => (string)r.Values[0]!, r => r.RowId);
}
