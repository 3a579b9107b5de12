using Telco.InsightPortal.Core.Audit;
using Telco.InsightPortal.Core.Data;
using Telco.InsightPortal.Core.Data.Ingestion;
using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.Data.Datasets;
using Telco.InsightPortal.Data.Store;
using Telco.InsightPortal.TestSupport;

namespace Telco.InsightPortal.Data.Tests;

/// <summary>A migrated store with the dataset reader and writer over it, auditing into the real trail.</summary>
internal sealed class StoreUnderTest(TestStore store) : IAsyncDisposable
{
    public static readonly Who Tester = new("tester", "10.0.0.7", "xunit", "test-correlation");

    public TestStore Store { get; } = store;
    public DatasetStore Datasets { get; } = new(store.Factory);
    public AuditTrail Audit { get; } = new(store.Factory, TimeProvider.System);
    public SnapshotWriter Writer => new(Store.Factory, new IngestLimits(), TimeProvider.System, Audit);

    public static async Task<StoreUnderTest> CreateAsync(StoreProvider provider) => new(await TestStore.CreateAsync(provider));

    public Task<IngestResult> IngestAsync(string dataset, string csv, IngestMode mode = IngestMode.Append, OnRowError onError = OnRowError.Reject) =>
        Writer.IngestAsync(dataset, Csv.Stream(csv), new IngestOptions { Mode = mode, OnError = onError, Actor = Tester });

    public ValueTask DisposeAsync() => Store.DisposeAsync();
}
