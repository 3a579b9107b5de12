using Telco.InsightPortal.Ml.Trainers;
using Telco.InsightPortal.Web.Datasets;

namespace Telco.InsightPortal.Web.Demo;

/// <summary>One demo model: what it trains on and how, and the registered model and deployment it becomes.</summary>
public sealed record DemoModelSpec(string Model, string Dataset, string Label, string Trainer, string Deployment, string Description,
    IReadOnlyList<string>? Apps = null)
{
    /// <summary>Ids of the hosted apps bound to this model's deployment when the demo deploys it (once: an unbinding stays).</summary>
    public IReadOnlyList<string> AppIds => Apps ?? [];

    /// <summary>Tags the demo's runs and versions, so a restart finds what an earlier start made.</summary>
    public const string Tag = "portal_demo_model";

    /// <summary>The churn model of Cloudera's MLOps demo, and a tower-failure model from the cell-tower IoT events
    /// (<c>cell_tower_failure</c> is that generator's 0/1 label). LightGBM, seeded: the same data gives the same model.</summary>
    public static readonly IReadOnlyList<DemoModelSpec> All =
    [
        new("telco-churn", DemoSeeder.TelcoDataset, "Churn", TrainerCatalog.LightGbm, "telco-churn",
            "Demo: will a customer churn? Trained at first start on the seeded telco-churn snapshot.",
            [Telco.Apps.ChurnExplorer.ChurnExplorerApp.AppId, Telco.Apps.RoiThreshold.RoiThresholdApp.AppId]),
        new("cell-tower-failure", DemoSeeder.CellTowerDataset, "cell_tower_failure", TrainerCatalog.LightGbm, "cell-tower-failure",
            "Demo: will a cell tower fail? Trained at first start on the seeded cell-towers snapshot.",
            [Telco.Apps.CellTowerMonitor.CellTowerMonitorApp.AppId]),
    ];
}
