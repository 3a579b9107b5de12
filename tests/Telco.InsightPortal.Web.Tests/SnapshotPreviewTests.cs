using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Telco.InsightPortal.Core.Data.Ingestion;
using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.Data.Datasets;
using Telco.InsightPortal.Data.Store;
using Telco.InsightPortal.TestSupport;
using Telco.InsightPortal.Web.Datasets.Pages;

namespace Telco.InsightPortal.Web.Tests;

public sealed class SnapshotPreviewTests : PortalTestContext
{
    private TestStore _store = default!;
    private IngestResult _ingest = default!;

    public override async ValueTask InitializeAsync()
    {
        _store = await TestStore.CreateAsync(StoreProvider.Sqlite);
        var rows = string.Concat(Enumerable.Range(1, 60).Select(i => $"P{i:D3},{i * 2.5}\n"));
        _ingest = await new SnapshotWriter(_store.Factory, new IngestLimits(), TimeProvider.System, new AuditTrail(_store.Factory, TimeProvider.System))
            .IngestAsync("preview", TestSupport.Csv.Stream("id,amount\n" + rows), new IngestOptions());
        Services.AddSingleton(new DatasetStore(_store.Factory));
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        await _store.DisposeAsync();
    }

    [Fact]
    public void FirstPageShowsRowsFromTheStore()
    {
        var cut = Render<SnapshotPreview>(p => p.Add(x => x.Dataset, _ingest.Dataset!).Add(x => x.Snapshot, _ingest.Snapshot!));

        cut.WaitForAssertion(() => Assert.Equal(25, cut.FindAll("tbody tr").Count));
        Assert.Contains("P001", cut.FindAll("tbody tr")[0].TextContent);
        Assert.Contains("1-25 of 60", cut.Markup);
    }

    [Fact]
    public void SortingByAColumnHeaderReordersServerSide()
    {
        var cut = Render<SnapshotPreview>(p => p.Add(x => x.Dataset, _ingest.Dataset!).Add(x => x.Snapshot, _ingest.Snapshot!));
        cut.WaitForAssertion(() => Assert.Equal(25, cut.FindAll("tbody tr").Count));

        var amount = cut.FindAll("th .mud-table-sort-label").First(e => e.TextContent.Contains("amount"));
        amount.Click();
        cut.FindAll("th .mud-table-sort-label").First(e => e.TextContent.Contains("amount")).Click();

        cut.WaitForAssertion(() => Assert.Contains("P060", cut.FindAll("tbody tr")[0].TextContent));
    }
}
