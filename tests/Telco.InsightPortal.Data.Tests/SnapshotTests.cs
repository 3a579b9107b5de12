using Dapper;
using Telco.InsightPortal.Core.Data;
using Telco.InsightPortal.Core.Data.Ingestion;
using Telco.InsightPortal.Data.Datasets;
using Telco.InsightPortal.Data.Store;
using Telco.InsightPortal.TestSupport;

namespace Telco.InsightPortal.Data.Tests;

public sealed class SnapshotTests
{
    private const string FirstBatch = "id,plan,charges,churn\nA1,basic,10.5,No\nA2,fiber,,Yes\n";
    private const string SecondBatch = "id,plan,charges,churn\nA3,basic,12,No\n";

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task FirstIngestCreatesDatasetWithInferredSchemaAndSnapshot(StoreProvider provider)
    {
        await using var s = await StoreUnderTest.CreateAsync(provider);

        var result = await s.IngestAsync("customers", FirstBatch);

        Assert.True(result.Committed, result.Message);
        var dataset = await s.Datasets.GetAsync("customers");
        Assert.NotNull(dataset);
        Assert.Equal(["id", "plan", "charges", "churn"], dataset.Schema.Columns.Select(c => c.Name));
        Assert.Equal(ColumnRole.Id, dataset.Schema.Columns[0].Role);
        Assert.Equal(ColumnType.Real, dataset.Schema.Columns[2].Type);
        Assert.Equal(ColumnRole.Label, dataset.Schema.Columns[3].Role);
        var snapshot = result.Snapshot!;
        Assert.Null(snapshot.ParentId);
        Assert.Equal((2L, 2L, "append", "tester"), (snapshot.RowsAdded, snapshot.TotalRows, snapshot.Operation, snapshot.CommittedBy));
        Assert.Equal(64, snapshot.ContentHash.Length);
        Assert.Equal(snapshot.Id, dataset.CurrentSnapshotId);
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task RowsReadBackTypedWithBlanksAsNull(StoreProvider provider)
    {
        await using var s = await StoreUnderTest.CreateAsync(provider);
        var result = await s.IngestAsync("customers", FirstBatch);

        var page = await s.Datasets.PageAsync(result.Dataset!, result.Snapshot!, 0, 10);

        Assert.Equal(2, page.Total);
        Assert.Equal(new object?[] { 1L, "A1", "basic", 10.5, "No" }, page.Rows[0]);
        Assert.Equal(new object?[] { 2L, "A2", "fiber", null, "Yes" }, page.Rows[1]);
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task AppendMakesChildSnapshotAndOldSnapshotStillReadsAsItWas(StoreProvider provider)
    {
        await using var s = await StoreUnderTest.CreateAsync(provider);
        var first = await s.IngestAsync("customers", FirstBatch);

        var second = await s.IngestAsync("customers", SecondBatch);

        Assert.True(second.Committed, second.Message);
        Assert.Equal(first.Snapshot!.Id, second.Snapshot!.ParentId);
        Assert.Equal((1L, 3L), (second.Snapshot.RowsAdded, second.Snapshot.TotalRows));
        var dataset = (await s.Datasets.GetAsync("customers"))!;
        Assert.Equal(2, s.Datasets.ReadRows(dataset, first.Snapshot).Count());
        Assert.Equal(3, s.Datasets.ReadRows(dataset, second.Snapshot).Count());
        var increment = s.Datasets.ReadRows(dataset, second.Snapshot, since: first.Snapshot).ToList();
        Assert.Equal("A3", Assert.Single(increment)[0]);
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task ReplaceStartsFreshRowsButKeepsHistory(StoreProvider provider)
    {
        await using var s = await StoreUnderTest.CreateAsync(provider);
        var first = await s.IngestAsync("customers", FirstBatch);

        var replaced = await s.IngestAsync("customers", SecondBatch, IngestMode.Replace);

        Assert.Equal(("replace", 1L), (replaced.Snapshot!.Operation, replaced.Snapshot.TotalRows));
        var dataset = (await s.Datasets.GetAsync("customers"))!;
        Assert.Equal(["A3"], s.Datasets.ReadRows(dataset, replaced.Snapshot).Select(r => (string)r[0]!));
        Assert.Equal(["A3"], s.Datasets.ReadRows(dataset, replaced.Snapshot, since: first.Snapshot).Select(r => (string)r[0]!));
        Assert.Equal(["A1", "A2"], s.Datasets.ReadRows(dataset, first.Snapshot!).Select(r => (string)r[0]!));
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task IdenticalContentIsDetectedByHashAndCommitsNothing(StoreProvider provider)
    {
        await using var s = await StoreUnderTest.CreateAsync(provider);
        var first = await s.IngestAsync("customers", FirstBatch);

        // Same values with other quoting and line ends: the hash is over typed content, not bytes.
        var again = await s.IngestAsync("customers", "id,plan,charges,churn\r\n\"A1\",basic,10.50,No\r\nA2,\"fiber\",,Yes\r\n");

        Assert.Equal(IngestFailure.Duplicate, again.Failure);
        Assert.Contains($"snapshot {first.Snapshot!.Id}", again.Message);
        Assert.Single(await s.Datasets.SnapshotsAsync(first.Dataset!.Id));
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task ContentHashIsStableAcrossVersionsSoStoredHashesStayComparable(StoreProvider provider)
    {
        await using var s = await StoreUnderTest.CreateAsync(provider);
        var rows = string.Concat(Enumerable.Range(1, 20_000).Select(i => $"C{i},\"p,{i % 7}\",{i * 1.1},{(i % 3 == 0 ? "Yes" : "No")}\n"));

        var result = await s.IngestAsync("customers", "id,plan,charges,churn\n" + rows + "C0,caf\u00e9,,No\n");

        // Computed by the first RowHasher (one AppendData per value); the hash input must never change.
        Assert.Equal("ae4cd2cb1b365047f80141044902dd001b571c3b82bdc215a3c439c4b5a02df5", result.Snapshot!.ContentHash);
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task SkipBadRowsCommitsGoodRowsAndRecordsSkippedCount(StoreProvider provider)
    {
        await using var s = await StoreUnderTest.CreateAsync(provider);
        await s.IngestAsync("customers", FirstBatch);

        var result = await s.IngestAsync("customers", "id,plan,charges,churn\nB1,basic,abc,No\nB2,basic,3,No\nB3,basic\n", onError: OnRowError.Skip);

        Assert.True(result.Committed, result.Message);
        Assert.Equal((1L, 2L), (result.Snapshot!.RowsAdded, result.Snapshot.RowsSkipped));
        Assert.Equal(2, result.Outcome!.Errors.Count);
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task SnapshotsCannotBeUpdatedOrDeleted(StoreProvider provider)
    {
        await using var s = await StoreUnderTest.CreateAsync(provider);
        await s.IngestAsync("customers", FirstBatch);
        await using var connection = await s.Store.Factory.OpenAsync();

        var update = await Record.ExceptionAsync(() => connection.ExecuteAsync("UPDATE snapshots SET total_rows = 99"));
        var delete = await Record.ExceptionAsync(() => connection.ExecuteAsync("DELETE FROM snapshots"));

        Assert.Contains("immutable", update?.Message ?? "", StringComparison.OrdinalIgnoreCase);
        Assert.NotNull(delete);
        Assert.Equal(2L, await connection.ExecuteScalarAsync<long>("SELECT total_rows FROM snapshots"));
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task PagesAreSortableByAnySchemaColumnAndOffsetsSeek(StoreProvider provider)
    {
        await using var s = await StoreUnderTest.CreateAsync(provider);
        var rows = string.Concat(Enumerable.Range(1, 250).Select(i => $"C{i:D4},p{i % 7},{i * 1.5},{(i % 3 == 0 ? "Yes" : "No")}\n"));
        var result = await s.IngestAsync("customers", "id,plan,charges,churn\n" + rows);

        var third = await s.Datasets.PageAsync(result.Dataset!, result.Snapshot!, 200, 25);
        var sorted = await s.Datasets.PageAsync(result.Dataset!, result.Snapshot!, 0, 3, "charges", descending: true);

        Assert.Equal("C0201", third.Rows[0][1]);
        Assert.Equal(25, third.Rows.Count);
        Assert.Equal(["C0250", "C0249", "C0248"], sorted.Rows.Select(r => (string)r[1]!));
        await Assert.ThrowsAsync<ArgumentException>(() => s.Datasets.PageAsync(result.Dataset!, result.Snapshot!, 0, 3, "charges; DROP TABLE x"));
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite, "tier", false, "R2,R4,R1,R3,R5")]
    [InlineData(StoreProvider.Postgres, "tier", false, "R2,R4,R1,R3,R5")]
    [InlineData(StoreProvider.Sqlite, "tier", true, "R5,R3,R1,R4,R2")]
    [InlineData(StoreProvider.Postgres, "tier", true, "R5,R3,R1,R4,R2")]
    [InlineData(StoreProvider.Sqlite, "seen", false, "R2,R3,R5,R4,R1")]
    [InlineData(StoreProvider.Postgres, "seen", false, "R2,R3,R5,R4,R1")]
    [InlineData(StoreProvider.Sqlite, "seen", true, "R1,R4,R5,R3,R2")]
    [InlineData(StoreProvider.Postgres, "seen", true, "R1,R4,R5,R3,R2")]
    [InlineData(StoreProvider.Sqlite, "plan", false, "R3,R4,R1,R2,R5")]
    [InlineData(StoreProvider.Postgres, "plan", false, "R3,R4,R1,R2,R5")]
    public async Task SortedPagesOrderNullsFirstThenValuesThenIngestOrderTheSameOnBothEngines(StoreProvider provider, string column, bool descending, string expected)
    {
        await using var s = await StoreUnderTest.CreateAsync(provider);
        var result = await s.IngestAsync("sorts", """
            id,tier,seen,plan
            R1,2,2024-03-01T00:00:00Z,basic
            R2,1,,fiber
            R3,2,2024-01-01T00:00:00Z,
            R4,1,2024-02-01T10:00:00+02:00,Basic
            R5,3,2024-02-01T07:00:00Z,fiber

            """);

        var whole = await s.Datasets.PageAsync(result.Dataset!, result.Snapshot!, 0, 10, column, descending);
        var middle = await s.Datasets.PageAsync(result.Dataset!, result.Snapshot!, 1, 2, column, descending);
        var past = await s.Datasets.PageAsync(result.Dataset!, result.Snapshot!, 5, 2, column, descending);

        Assert.Equal(expected.Split(','), whole.Rows.Select(r => (string)r[1]!));
        Assert.Equal(expected.Split(',')[1..3], middle.Rows.Select(r => (string)r[1]!));
        Assert.Empty(past.Rows);
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task MigrationsAreRecordedAndApplyOnce(StoreProvider provider)
    {
        await using var s = await StoreUnderTest.CreateAsync(provider);

        var again = await new MigrationRunner(s.Store.Factory).ApplyAsync();

        Assert.Equal(0, again);
        await using var connection = await s.Store.Factory.OpenAsync();
        var versions = await connection.QueryAsync<long>("SELECT version FROM schema_migrations ORDER BY version");
        Assert.Equal(MigrationRunner.Load(provider).Select(m => (long)m.Version), versions);
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task LargeSnapshotsPageSortedWithNullsFirstAscendingAndLastDescendingWithoutChangingTheSchema(StoreProvider provider)
    {
        await using var s = await StoreUnderTest.CreateAsync(provider);
        // Above the 50,000 rows from which sorted reads used to build an index.
        const int n = 50_010;
        var rows = new System.Text.StringBuilder("id,plan,charges,churn\n");
        for (var i = 1; i <= n; i++) rows.Append($"R{i:D6},p,{(i % 1000 == 0 ? "" : ((i * 7919L) % 100_003).ToString(System.Globalization.CultureInfo.InvariantCulture))},No\n");
        var result = await s.IngestAsync("big", rows.ToString());
        var all = s.Datasets.ReadRows(result.Dataset!, result.Snapshot!).Select(r => r[2] as double?).ToList();
        var ascending = all.OrderBy(v => v.HasValue).ThenBy(v => v).ToList();
        var schemaBefore = await SchemaAsync(s.Store);

        var first = await s.Datasets.PageAsync(result.Dataset!, result.Snapshot!, 0, 100, "charges");
        var deep = await s.Datasets.PageAsync(result.Dataset!, result.Snapshot!, 30_000, 100, "charges");
        var last = await s.Datasets.PageAsync(result.Dataset!, result.Snapshot!, 0, 5, "charges", descending: true);
        var byText = await s.Datasets.PageAsync(result.Dataset!, result.Snapshot!, 49_990, 100, "id", descending: true);

        Assert.Equal(ascending.Take(100), first.Rows.Select(r => r[3] as double?));
        Assert.Equal(ascending.Skip(30_000).Take(100), deep.Rows.Select(r => r[3] as double?));
        Assert.Equal(ascending.AsEnumerable().Reverse().Take(5), last.Rows.Select(r => r[3] as double?));
        Assert.Equal(Enumerable.Range(1, 20).Reverse().Select(i => $"R{i:D6}"), byText.Rows.Select(r => (string)r[1]!));
        Assert.Equal(schemaBefore, await SchemaAsync(s.Store));
    }

    /// <summary>Every table and index of the store with its definition: what a read must leave as it found it.</summary>
    private static async Task<List<string>> SchemaAsync(TestStore store)
    {
        await using var connection = await store.Factory.OpenAsync();
        var sql = store.Provider == StoreProvider.Sqlite
            ? "SELECT type || ' ' || name || ' ' || COALESCE(sql, '') FROM sqlite_master ORDER BY type, name"
            : "SELECT indexname || ' ' || indexdef FROM pg_indexes WHERE schemaname = 'public' UNION ALL SELECT 'table ' || tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1";
        return (await connection.QueryAsync<string>(sql)).ToList();
    }
}
