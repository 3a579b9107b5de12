using Telco.InsightPortal.Core.Data;
using Telco.InsightPortal.Data.Dashboards;
using Telco.InsightPortal.Data.Store;

namespace Telco.InsightPortal.Data.Tests.Dashboards;

/// <summary>Six customers ingested into a migrated store, with the chart service over it. customerID is flagged PII by
/// the schema inference; A-5 has no monthly charge; the last column's name is SQL, to prove names never reach SQL.</summary>
internal sealed class ChartStore(StoreUnderTest store, ChartQueryService charts) : IAsyncDisposable
{
    public const string Dataset = "customers";
    public const string HostileColumn = "Region'; DROP TABLE snapshots; --";

    public const string Csv = """
        customerID,Contract,tenure,MonthlyCharges,Churn,signup_at,Region'; DROP TABLE snapshots; --
        A-1,Month-to-month,1,70.5,Yes,2024-01-01T10:00:00Z,north
        A-2,One year,24,50,No,2024-01-01T23:00:00Z,south
        A-3,Month-to-month,5,90,Yes,2024-01-02T08:00:00Z,north
        A-4,Two year,60,20,No,2024-01-15T00:00:00Z,east
        A-5,Month-to-month,12,,No,2024-02-03T12:00:00Z,west
        A-6,One year,35,65.5,No,2024-02-04T12:00:00Z,south
        """;

    public StoreUnderTest Store => store;

    public ChartQueryService Charts => charts;

    public long SnapshotId { get; private init; }

    public static async Task<ChartStore> CreateAsync(StoreProvider provider, ChartQueryOptions? options = null, TimeProvider? clock = null)
    {
        var s = await StoreUnderTest.CreateAsync(provider);
        var ingest = await s.IngestAsync(Dataset, Csv);
        return new ChartStore(s, new ChartQueryService(s.Store.Factory, s.Datasets, options, clock)) { SnapshotId = ingest.Snapshot!.Id };
    }

    public Task<ChartResult> RunAsync(string specJson, bool canSeePii = false) => charts.RunAsync(specJson, canSeePii);

    /// <summary>A spec over the test dataset; <paramref name="body"/> is the rest of the JSON object.</summary>
    public static string Spec(string body, string snapshot = "\"latest\"") =>
        $$"""{"version":1,"source":{"kind":"snapshot","dataset":"{{Dataset}}","snapshot":{{snapshot}}},{{body}}}""";

    public ValueTask DisposeAsync() => store.DisposeAsync();
}
