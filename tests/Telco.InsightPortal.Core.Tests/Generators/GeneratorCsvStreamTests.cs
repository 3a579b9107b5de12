using System.Diagnostics;
using System.Text;
using Telco.InsightPortal.Core.Data;
using Telco.InsightPortal.Core.Data.Generators;
using Telco.InsightPortal.Core.Data.Ingestion;
using static Telco.InsightPortal.Core.Tests.Generators.GeneratedData;

namespace Telco.InsightPortal.Core.Tests.Generators;

public sealed class GeneratorCsvStreamTests(ITestOutputHelper output)
{
    public static TheoryData<string> GeneratorNames => [.. GeneratorCatalog.BuiltIn.All.Select(g => g.Name)];

    [Theory]
    [MemberData(nameof(GeneratorNames))]
    public void GeneratedCsvIngestsWithoutErrors(string name)
    {
        var generator = GeneratorCatalog.BuiltIn.Find(name)!;
        using var csv = new GeneratorCsvStream(generator, new GeneratorRequest(25_000, 11, Drift: 0.3, Batch: 2));
        var sink = new CountingSink();

        var outcome = new CsvIngestor(new IngestLimits()).Run(csv, generator.Schema, OnRowError.Reject, _ => sink, ct: TestContext.Current.CancellationToken);

        Assert.Null(outcome.FileError);
        Assert.Empty(outcome.Errors);
        Assert.Equal(0, outcome.BadRows);
        Assert.Equal(25_000, outcome.RowsWritten);
        Assert.Equal(25_000, sink.Rows);
    }

    [Theory]
    [MemberData(nameof(GeneratorNames))]
    public void IngestedRowsEqualTheGeneratedRows(string name)
    {
        var generator = GeneratorCatalog.BuiltIn.Find(name)!;
        var request = new GeneratorRequest(3_000, 5);
        using var csv = new GeneratorCsvStream(generator, request);
        var sink = new CollectingSink();

        new CsvIngestor(new IngestLimits()).Run(csv, generator.Schema, OnRowError.Reject, _ => sink, ct: TestContext.Current.CancellationToken);

        Assert.Equal(generator.Generate(request), sink.Rows);
    }

    [Fact]
    public void FieldsAreQuotedOnlyWhenTheyMustBe()
    {
        var generator = new FixedGenerator(
            ["plain", "comma, inside", "say \"hi\"", "two\r\nlines", "caf\u00e9", null, -42L, 0.1 + 0.2, 1e-300,
             new DateTimeOffset(2024, 2, 29, 13, 5, 0, TimeSpan.FromHours(2))]);

        var text = ReadAll(new GeneratorCsvStream(generator, new GeneratorRequest(1, 0)), bufferSize: 7);

        Assert.Equal(
            "c0,c1,c2,c3,c4,c5,c6,c7,c8,c9\r\n" +
            "plain,\"comma, inside\",\"say \"\"hi\"\"\",\"two\r\nlines\",caf\u00e9,,-42,0.30000000000000004,1E-300,2024-02-29T11:05:00.0000000+00:00\r\n",
            text);
    }

    [Fact]
    public void TinyReadsGiveTheSameBytesAsLargeOnes()
    {
        var request = new GeneratorRequest(200, 9);

        var large = ReadAll(new GeneratorCsvStream(new TelcoChurnGenerator(), request), bufferSize: 1 << 16);
        var tiny = ReadAll(new GeneratorCsvStream(new TelcoChurnGenerator(), request), bufferSize: 1);

        Assert.Equal(large, tiny);
    }

    [Fact]
    public void StreamIsReadOnlyAndForwardOnly()
    {
        using var csv = new GeneratorCsvStream(new CellTowerGenerator(), new GeneratorRequest(10, 1));

        var read = csv.Read(new byte[100]);

        Assert.True(csv.CanRead);
        Assert.False(csv.CanSeek);
        Assert.False(csv.CanWrite);
        Assert.Equal(read, csv.Position);
        Assert.Throws<NotSupportedException>(() => csv.Length);
        Assert.Throws<NotSupportedException>(() => csv.Seek(0, SeekOrigin.Begin));
        Assert.Throws<NotSupportedException>(() => csv.Position = 0);
        Assert.Throws<NotSupportedException>(() => csv.Write([1], 0, 1));
    }

    [Fact]
    public void ReadingAfterDisposeFails()
    {
        var csv = new GeneratorCsvStream(new CellTowerGenerator(), new GeneratorRequest(10, 1));

        csv.Dispose();

        Assert.False(csv.CanRead);
        Assert.Throws<ObjectDisposedException>(() => csv.Read(new byte[10]));
    }

    [Fact]
    public async Task AsyncReadsGiveTheSameBytes()
    {
        var request = new GeneratorRequest(100, 9);
        using var target = new MemoryStream();

        await using (var csv = new GeneratorCsvStream(new TelcoChurnGenerator(), request))
            await csv.CopyToAsync(target, TestContext.Current.CancellationToken);

        Assert.Equal(ReadAll(new GeneratorCsvStream(new TelcoChurnGenerator(), request), bufferSize: 4096),
            Encoding.UTF8.GetString(target.ToArray()));
    }

    [Fact]
    public void MillionRowsStreamInSmallMemory()
    {
        const int rows = 1_000_000;
        var buffer = new byte[1 << 16];
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        using var csv = new GeneratorCsvStream(new TelcoChurnGenerator(), new GeneratorRequest(rows, 1));
        var peak = baseline;
        long lines = 0, reads = 0;
        var clock = Stopwatch.StartNew();

        int n;
        while ((n = csv.Read(buffer)) > 0)
        {
            lines += buffer.AsSpan(0, n).Count((byte)'\n');
            // A full collection now and then measures what the stream retains, not garbage awaiting collection.
            if (++reads % 256 == 0) peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true));
        }
        clock.Stop();

        output.WriteLine($"{rows:N0} rows, {csv.Position / 1e6:N0} MB of CSV in {clock.Elapsed.TotalSeconds:N2} s; retained growth {(peak - baseline) / 1e6:N1} MB");
        Assert.Equal(rows + 1, lines);
        Assert.True(reads > 1_024, "the stream should be long enough to sample memory several times");
        Assert.InRange(peak - baseline, long.MinValue, 50_000_000);
    }

    private static string ReadAll(Stream stream, int bufferSize)
    {
        using (stream)
        {
            var bytes = new MemoryStream();
            var buffer = new byte[bufferSize];
            int n;
            while ((n = stream.Read(buffer, 0, buffer.Length)) > 0) bytes.Write(buffer, 0, n);
            return Encoding.UTF8.GetString(bytes.ToArray());
        }
    }

    /// <summary>One row of fixed values, one column per value, typed from the value.</summary>
    private sealed class FixedGenerator(object?[] values) : IDataGenerator
    {
        public string Name => "fixed";

        public string Description => "One fixed row.";

        public DatasetSchema Schema { get; } = new(values.Select((v, i) => new DatasetColumn(i, $"c{i}", v switch
        {
            long => ColumnType.Integer,
            double => ColumnType.Real,
            DateTimeOffset => ColumnType.Timestamp,
            _ => ColumnType.Text,
        })).ToList());

        public IEnumerable<object?[]> Generate(GeneratorRequest request) => Enumerable.Repeat(values, request.Rows);
    }
}
