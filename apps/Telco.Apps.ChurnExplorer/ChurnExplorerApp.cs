using MudBlazor;
using Telco.InsightPortal.Apps;

namespace Telco.Apps.ChurnExplorer;

/// <summary>
/// Churn Explorer: the customers most at risk of leaving, why the model thinks so, what-if edits of one customer, and
/// the cheapest retention offer that brings them under the decision threshold.
/// </summary>
public sealed class ChurnExplorerApp : IPortalApp
{
    public const string AppId = "churn-explorer";

    public string Id => AppId;

    public string Name => "Churn Explorer";

    public string Description => "Find the customers most likely to leave, see why, try what-if changes to their contract or services, "
                                + "and get the cheapest retention offer that keeps them, with what it is worth.";

    public string Icon => Icons.Material.Filled.PersonSearch;

    public string RequiredRole => "BusinessUser";

    public IReadOnlyList<AppInput> RequiredInputs { get; } =
    [
        AppInput.Text(TelcoColumns.Contract),
        AppInput.Text(TelcoColumns.PaymentMethod),
        AppInput.Text(TelcoColumns.InternetService),
        AppInput.Text(TelcoColumns.TechSupport),
        AppInput.Text(TelcoColumns.OnlineSecurity),
        AppInput.Number(TelcoColumns.Tenure),
        AppInput.Number(TelcoColumns.MonthlyCharges),
        AppInput.Number(TelcoColumns.TotalCharges),
    ];
}
