using Microsoft.Extensions.Options;
using Telco.InsightPortal.Core.Audit;
using Telco.InsightPortal.Core.Data.Generators;
using Telco.InsightPortal.Data.Datasets;
using Telco.InsightPortal.Web.Hosting;

namespace Telco.InsightPortal.Web.Datasets;

/// <summary>On first start, seeds the demo datasets from the generators. Idempotent: a dataset that
/// exists is left alone, so restarts and several instances seed once.</summary>
public sealed class DemoSeeder(DatasetStore store, DatasetIngestService ingest, IOptions<PortalOptions> options, ILogger<DemoSeeder> log)
{
    public const string TelcoDataset = "telco-churn";
    public const string CellTowerDataset = "cell-towers";

    public async Task SeedAsync(CancellationToken ct)
    {
        var demo = options.Value.Demo;
        if (!demo.Enabled)
        {
            log.LogInformation("Demo data is turned off (Portal:Demo:Enabled=false).");
            return;
        }
        await SeedOneAsync(TelcoDataset, "telco-churn", demo.TelcoRows, demo.Seed, ct);
        await SeedOneAsync(CellTowerDataset, "cell-towers", demo.CellTowerRows, demo.Seed, ct);
    }

    private async Task SeedOneAsync(string dataset, string generator, int rows, int seed, CancellationToken ct)
    {
        if (await store.GetAsync(dataset, ct) is not null) return;
        var result = await ingest.GenerateAsync(dataset, generator, new GeneratorRequest(rows, seed), new Who("system:demo-seed"), ct);
        if (result.Committed)
            log.LogInformation("Seeded demo dataset {Dataset}: snapshot {Snapshot}, {Rows} rows.", dataset, result.Snapshot!.Id, result.Snapshot.RowsAdded);
        else if (await store.GetAsync(dataset, ct) is null) // another instance may have won the race
            throw new InvalidOperationException($"Seeding demo dataset '{dataset}' failed: {result.Message}");
    }
}
