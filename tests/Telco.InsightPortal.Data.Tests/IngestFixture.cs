using Telco.InsightPortal.Core.Data;
using Telco.InsightPortal.Core.Data.Ingestion;
using Telco.InsightPortal.Data.Datasets;
using Telco.InsightPortal.Data.Store;
using Telco.InsightPortal.TestSupport;

namespace Telco.InsightPortal.Data.Tests;

/// <summary>A migrated store with the dataset reader and writer over it.</summary>
internal sealed class StoreUnderTest(TestStore store) : IAsyncDisposable
{
    public TestStore Store { get; } = store;
    public DatasetStore Datasets { get; } = new(store.Factory);
    public SnapshotWriter Writer { get; } = new(store.Factory, new IngestLimits(), TimeProvider.System);

    public static async Task<StoreUnderTest> CreateAsync(StoreProvider provider) => new(await TestStore.CreateAsync(provider));

    public Task<IngestResult> IngestAsync(string dataset, string csv, IngestMode mode = IngestMode.Append, OnRowError onError = OnRowError.Reject) =>
        Writer.IngestAsync(dataset, Csv.Stream(csv), new IngestOptions { Mode = mode, OnError = onError, Actor = "tester" });

    public ValueTask DisposeAsync() => Store.DisposeAsync();
}
