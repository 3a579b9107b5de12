using Telco.InsightPortal.Core.Data;
using Telco.InsightPortal.Core.Data.Ingestion;

namespace Telco.InsightPortal.Ml.Tests.Support;

/// <summary>The IBM Telco sample beside the repository (../shared/data), read through the real ingestor once per test run.</summary>
public sealed class TelcoData
{
    private static readonly Lazy<TelcoData?> Instance = new(Load);

    private TelcoData(DatasetSchema schema, IReadOnlyList<object?[]> rows)
    {
        Schema = schema;
        Rows = rows;
    }

    public DatasetSchema Schema { get; }
    public IReadOnlyList<object?[]> Rows { get; }

    private const string MissingReason = "Reference data not found at ../shared/data/telco-customer-churn.csv; see shared/data/README.md.";

    /// <summary>The data. Without the file the test is skipped, except under CI (CI=true), where a missing file is a broken
    /// checkout and fails the test, as a missing PostgreSQL or Chromium does.</summary>
    public static TelcoData Get()
    {
        if (Instance.Value is { } data) return data;
        if (MissingUnderCi(Environment.GetEnvironmentVariable("CI")) is { } failure) throw failure;
        Assert.Skip(MissingReason);
        return null!;
    }

    /// <summary>The failure for a missing file when the CI variable has this value; null where the test may skip.</summary>
    internal static InvalidOperationException? MissingUnderCi(string? ci) => ci == "true" ? new(MissingReason) : null;

    public static string? FindFile()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, "Telco.InsightPortal.sln"))) continue;
            var file = Path.Combine(dir.FullName, "..", "shared", "data", "telco-customer-churn.csv");
            return File.Exists(file) ? Path.GetFullPath(file) : null;
        }
        return null;
    }

    private static TelcoData? Load()
    {
        var file = FindFile();
        if (file is null) return null;
        using var stream = File.OpenRead(file);
        var sink = new CollectingSink();
        var outcome = new CsvIngestor(new IngestLimits()).Run(stream, null, OnRowError.Reject, _ => sink);
        if (outcome.Failed(OnRowError.Reject)) throw new InvalidOperationException(outcome.FileError ?? "ingest failed");
        return new TelcoData(outcome.Schema!, sink.Rows);
    }

    /// <summary>The ingestor reuses its row array, so each row is copied.</summary>
    private sealed class CollectingSink : IRowSink
    {
        public List<object?[]> Rows { get; } = [];

        public void Write(object?[] row) => Rows.Add((object?[])row.Clone());
    }
}
