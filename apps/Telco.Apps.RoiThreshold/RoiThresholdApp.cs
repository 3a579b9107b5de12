using MudBlazor;
using Telco.InsightPortal.Apps;

namespace Telco.Apps.RoiThreshold;

/// <summary>
/// ROI &amp; Threshold: what acting on a binary model is worth at each decision threshold, on the held-out test
/// predictions of the version the bound deployment serves. Needs no particular input, so it fits any binary model.
/// </summary>
public sealed class RoiThresholdApp : IPortalApp
{
    public const string AppId = "roi-threshold";

    public string Id => AppId;

    public string Name => "ROI & Threshold";

    public string Description => "Choose the churn-score threshold that earns the most: set what a saved customer is worth and what an offer costs, "
                                + "and see the confusion matrix and net value at every threshold.";

    public string Icon => Icons.Material.Filled.Savings;

    public string RequiredRole => "BusinessUser";

    public IReadOnlyList<AppInput> RequiredInputs => [];
}
