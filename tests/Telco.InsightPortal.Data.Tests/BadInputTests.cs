using System.Text;
using Dapper;
using Telco.InsightPortal.Core.Data;
using Telco.InsightPortal.Core.Data.Ingestion;
using Telco.InsightPortal.Data.Datasets;
using Telco.InsightPortal.Data.Store;
using Telco.InsightPortal.TestSupport;

namespace Telco.InsightPortal.Data.Tests;

/// <summary>
/// Every class of bad upload, on both providers: the user gets a message that names the problem, and
/// nothing is committed, neither a new dataset on a first ingest nor a snapshot or row on an existing one.
/// </summary>
public sealed class BadInputTests
{
    private const string Header = "id,plan,charges,churn\n";
    private const string FirstBatch = Header + "A1,basic,10.5,No\nA2,fiber,,Yes\n";

    /// <summary>The schema <see cref="FirstBatch"/> infers, given explicitly where a first ingest must not
    /// infer around the bad value (a column of "1,5" would otherwise just become text).</summary>
    private static readonly DatasetSchema Schema = new([
        new DatasetColumn(0, "id", ColumnType.Text, ColumnRole.Id, Nullable: false),
        new DatasetColumn(1, "plan", ColumnType.Text),
        new DatasetColumn(2, "charges", ColumnType.Real),
        new DatasetColumn(3, "churn", ColumnType.Text, ColumnRole.Label, Nullable: false),
        new DatasetColumn(4, "lines", ColumnType.Integer),
    ]);

    private const string TypedHeader = "id,plan,charges,churn,lines\n";
    private const string TypedBatch = TypedHeader + "A1,basic,10.5,No,1\nA2,fiber,,Yes,2\n";

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task EmptyFileIsRejected(StoreProvider provider) =>
        await AssertRejectedEverywhereAsync(provider, Bytes(""), "The file is empty");

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task HeaderWithoutRowsIsRejected(StoreProvider provider) =>
        await AssertRejectedEverywhereAsync(provider, Bytes(Header), "has a header but no data rows");

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task RowWithTooFewFieldsIsRejectedNamingItsLine(StoreProvider provider) =>
        await AssertRejectedEverywhereAsync(provider, Bytes(Header + "B1,basic,1,No\nB2,basic\n"),
            "1 of 2 rows", "line 3", "has 2 fields; expected 4");

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task RowWithTooManyFieldsIsRejectedNamingItsLine(StoreProvider provider) =>
        await AssertRejectedEverywhereAsync(provider, Bytes(Header + "B1,basic,1,No,extra\nB2,basic,2,No\n"),
            "1 of 2 rows", "line 2", "has 5 fields; expected 4");

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task ExtraColumnIsRejectedAgainstTheSchema(StoreProvider provider) =>
        await AssertRejectedEverywhereAsync(provider, Bytes("id,plan,charges,churn,lines,region\nB1,basic,1,No,1,north\n"),
            typed: true, "does not match the dataset's schema", "unknown column 'region'");

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task MissingColumnIsRejectedAgainstTheSchema(StoreProvider provider) =>
        await AssertRejectedEverywhereAsync(provider, Bytes("id,plan,churn,lines\nB1,basic,No,1\n"),
            typed: true, "does not match the dataset's schema", "missing column 'charges'");

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task DuplicateHeaderNamesAreRejected(StoreProvider provider) =>
        await AssertRejectedEverywhereAsync(provider, Bytes("id,plan,charges,Plan\nB1,basic,1,No\n"),
            "more than one column named 'plan'");

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task UnbalancedQuoteIsRejectedNamingTheLineItOpensOn(StoreProvider provider) =>
        await AssertRejectedEverywhereAsync(provider, Bytes(Header + "B1,basic,1,No\nB2,\"basic,2,No\nB3,basic,3,No\n"),
            "Line 3", "never closed (unbalanced quotes)");

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task SemicolonDelimiterIsRejectedSayingSo(StoreProvider provider) =>
        await AssertRejectedEverywhereAsync(provider, Bytes("id;plan;charges;churn\nB1;basic;1,5;No\n"),
            "';' as its delimiter", "only ','");

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task Latin1BytesAreRejectedNamingTheLineAndByte(StoreProvider provider) =>
        await AssertRejectedEverywhereAsync(provider, Encoding.Latin1.GetBytes(Header + "B1,basic,1,No\nB2,caf\u00e9,2,No\n"),
            "Line 3", "0xE9", "not valid UTF-8", "Save it as UTF-8");

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task NulBytesAreRejectedAsBinary(StoreProvider provider) =>
        await AssertRejectedEverywhereAsync(provider, Bytes(Header + "B1,basic,1,No\nB2,ba\0sic,2,No\n"),
            "Line 3", "NUL byte", "binary file");

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task TenMegabyteFieldIsRejectedAtTheFieldLimit(StoreProvider provider) =>
        await AssertRejectedEverywhereAsync(provider, Bytes(Header + "B1," + new string('x', 10 << 20) + ",1,No\n"),
            "Line 2", "field is longer than the limit");

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task DecimalCommaInARealColumnIsRejectedWithTheFix(StoreProvider provider) =>
        await AssertRejectedEverywhereAsync(provider, Bytes(TypedHeader + "B1,basic,\"1,5\",No,1\n"),
            typed: true, "column 'charges'", "'1,5'", "decimal comma is not supported; use '.'");

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task OverLongIdIsRejected(StoreProvider provider) =>
        await AssertRejectedEverywhereAsync(provider, Bytes(TypedHeader + $"{new string('7', new IngestLimits().MaxIdLength + 1)},basic,1,No,1\n"),
            typed: true, "column 'id'", $"longer than {new IngestLimits().MaxIdLength} characters");

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task NotANumberInAnIntegerColumnIsRejected(StoreProvider provider) =>
        await AssertRejectedEverywhereAsync(provider, Bytes(TypedHeader + "B1,basic,1,No,two\n"),
            typed: true, "column 'lines'", "'two'", "not an integer");

    [Theory]
    [InlineData(StoreProvider.Sqlite, "NaN")]
    [InlineData(StoreProvider.Postgres, "NaN")]
    [InlineData(StoreProvider.Sqlite, "Infinity")]
    [InlineData(StoreProvider.Postgres, "-Infinity")]
    public async Task NaNOrInfinityInARealColumnIsRejected(StoreProvider provider, string value) =>
        await AssertRejectedEverywhereAsync(provider, Bytes(TypedHeader + $"B1,basic,{value},No,1\n"),
            typed: true, "column 'charges'", "not a finite number", "leave the field blank");

    [Theory]
    [InlineData(StoreProvider.Sqlite, "id", "B1,basic,1,No,1\n ,basic,2,No,1\n", "line 3")]
    [InlineData(StoreProvider.Postgres, "id", "B1,basic,1,No,1\n ,basic,2,No,1\n", "line 3")]
    [InlineData(StoreProvider.Sqlite, "churn", "B1,basic,1,,1\nB2,basic,2,No,1\n", "line 2")]
    [InlineData(StoreProvider.Postgres, "churn", "B1,basic,1,,1\nB2,basic,2,No,1\n", "line 2")]
    public async Task BlankRequiredValueIsRejected(StoreProvider provider, string column, string rows, string line) =>
        await AssertRejectedEverywhereAsync(provider, Bytes(TypedHeader + rows),
            typed: true, "1 of 2 rows", line, $"column '{column}'", "a value is required");

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task NewlineInsideQuotesIsIngestedAndKept(StoreProvider provider)
    {
        await using var s = await StoreUnderTest.CreateAsync(provider);
        await s.IngestAsync("customers", FirstBatch);

        var appended = await Ingest(s, "customers", Bytes(Header + "B1,\"two\r\nlines\",1,No\nB2,\"a\nb\",2,Yes\n"));
        var created = await Ingest(s, "fresh", Bytes(Header + "B1,\"two\nlines\",1,No\n"));

        Assert.True(appended.Committed, appended.Message);
        Assert.True(created.Committed, created.Message);
        var rows = s.Datasets.ReadRows(appended.Dataset!, appended.Snapshot!).ToList();
        Assert.Equal(["basic", "fiber", "two\nlines", "a\nb"], rows.Select(r => (string?)r[1]));
        Assert.Equal("two\nlines", Assert.Single(s.Datasets.ReadRows(created.Dataset!, created.Snapshot!))[1]);
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task ByteOrderMarkIsIngestedAndNotPartOfTheFirstColumnName(StoreProvider provider)
    {
        await using var s = await StoreUnderTest.CreateAsync(provider);
        await s.IngestAsync("customers", FirstBatch);
        var bom = Encoding.UTF8.GetPreamble();

        var appended = await Ingest(s, "customers", [.. bom, .. Bytes(Header + "B1,basic,1,No\n")]);
        var created = await Ingest(s, "fresh", [.. bom, .. Bytes(Header + "B1,basic,1,No\n")]);

        Assert.True(appended.Committed, appended.Message);
        Assert.True(created.Committed, created.Message);
        var column = created.Dataset!.Schema.Columns[0];
        Assert.Equal(("id", ColumnRole.Id), (column.Name, column.Role));
        Assert.Equal("B1", s.Datasets.ReadRows(appended.Dataset!, appended.Snapshot!).Last()[0]);
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task IbmTelcoSampleIngestsCleanlyWithBlankTotalChargesAsNull(StoreProvider provider)
    {
        var path = Csv.RequireTelcoChurnPath();
        await using var s = await StoreUnderTest.CreateAsync(provider);

        await using var file = File.OpenRead(path);
        var result = await s.Writer.IngestAsync("telco", file, new IngestOptions { Actor = StoreUnderTest.Tester });

        Assert.True(result.Committed, result.Message);
        Assert.Equal((5634L, 0L), (result.Snapshot!.RowsAdded, result.Snapshot.RowsSkipped));
        var schema = result.Dataset!.Schema;
        Assert.Equal(ColumnRole.Id, schema.Find("customerID")!.Role);
        Assert.Equal(ColumnRole.Label, schema.Find("Churn")!.Role);
        var totalCharges = schema.Find("TotalCharges")!;
        var tenure = schema.Find("tenure")!;
        Assert.Equal((ColumnType.Real, ColumnType.Integer), (totalCharges.Type, tenure.Type));
        var rows = s.Datasets.ReadRows(result.Dataset, result.Snapshot).ToList();
        Assert.Equal(5634, rows.Count);
        var blank = rows.Where(r => r[totalCharges.Ordinal] is null).ToList();
        Assert.NotEmpty(blank);
        Assert.All(blank, r => Assert.Equal(0L, r[tenure.Ordinal]));
    }

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static Task AssertRejectedEverywhereAsync(StoreProvider provider, byte[] csv, params string[] expected) =>
        AssertRejectedEverywhereAsync(provider, csv, typed: false, expected);

    /// <summary>
    /// Ingests the bad file twice: as the first batch of a new dataset (inferring its schema, or with
    /// <see cref="Schema"/> when <paramref name="typed"/>), and as an append to a dataset that already has
    /// snapshot 1; checks the message each time and that neither committed anything.
    /// </summary>
    private static async Task AssertRejectedEverywhereAsync(StoreProvider provider, byte[] csv, bool typed, params string[] expected)
    {
        await using var s = await StoreUnderTest.CreateAsync(provider);
        var first = await Ingest(s, "customers", Bytes(typed ? TypedBatch : FirstBatch), typed ? Schema : null);
        Assert.True(first.Committed, first.Message);
        var before = await StateAsync(s, first.Dataset!);

        var appended = await Ingest(s, "customers", csv);
        var created = await Ingest(s, "fresh", csv, typed ? Schema : null);

        foreach (var result in new[] { appended, created })
        {
            Assert.False(result.Committed);
            Assert.Equal(IngestFailure.BadRequest, result.Failure);
            Assert.All(expected, e => Assert.Contains(e, result.Message, StringComparison.Ordinal));
        }
        Assert.Equal(before, await StateAsync(s, first.Dataset!));
        Assert.Null(await s.Datasets.GetAsync("fresh"));
        Assert.Equal(1, await TypedTableCountAsync(s));
    }

    private static Task<IngestResult> Ingest(StoreUnderTest s, string dataset, byte[] csv, DatasetSchema? schema = null) =>
        s.Writer.IngestAsync(dataset, Csv.Stream(csv), new IngestOptions { Actor = StoreUnderTest.Tester, Schema = schema });

    private sealed record DatasetState(int Snapshots, long? CurrentSnapshotId, long TotalRows, long TypedRows, long MaxRowId);

    private static async Task<DatasetState> StateAsync(StoreUnderTest s, Dataset dataset)
    {
        var current = (await s.Datasets.GetAsync(dataset.Name))!;
        var snapshots = await s.Datasets.SnapshotsAsync(dataset.Id);
        await using var connection = await s.Store.Factory.OpenAsync();
        var table = new RowTable(dataset.Id, dataset.Schema, s.Store.Provider).Name;
        var (rows, maxRowId) = await connection.QuerySingleAsync<(long, long)>($"SELECT COUNT(*), COALESCE(MAX(_row_id), 0) FROM {table}");
        return new DatasetState(snapshots.Count, current.CurrentSnapshotId, current.TotalRows, rows, maxRowId);
    }

    /// <summary>Typed tables are created inside the ingest's transaction, so a rejected first ingest
    /// must not leave one behind.</summary>
    private static async Task<long> TypedTableCountAsync(StoreUnderTest s)
    {
        const string Sqlite = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name LIKE 'ds\\_%' ESCAPE '\\'";
        const string Postgres = "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public' AND table_name LIKE 'ds\\_%'";
        await using var connection = await s.Store.Factory.OpenAsync();
        return await connection.ExecuteScalarAsync<long>(s.Store.Provider == StoreProvider.Sqlite ? Sqlite : Postgres);
    }
}
