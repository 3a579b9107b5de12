using MudBlazor;
using Telco.InsightPortal.Apps;

namespace Telco.Apps.ChurnExplorer.Tests;

public sealed class ChurnExplorerAppTests
{
    [Fact]
    public void TheDescriptorNamesTheAppAndTheTelcoInputsItReadsAndEdits()
    {
        var app = new ChurnExplorerApp();

        Assert.Equal(("churn-explorer", "Churn Explorer", "BusinessUser"), (app.Id, app.Name, app.RequiredRole));
        Assert.Equal(Icons.Material.Filled.PersonSearch, app.Icon);
        Assert.False(string.IsNullOrWhiteSpace(app.Description));
        Assert.Equal(
            [
                AppInput.Text("Contract"), AppInput.Text("PaymentMethod"), AppInput.Text("InternetService"), AppInput.Text("TechSupport"),
                AppInput.Text("OnlineSecurity"), AppInput.Number("tenure"), AppInput.Number("MonthlyCharges"), AppInput.Number("TotalCharges"),
            ],
            app.RequiredInputs);
    }

    [Fact]
    public void EveryColumnTheDefaultOffersChangeIsARequiredInputButOnlineBackup()
    {
        var inputs = new ChurnExplorerApp().RequiredInputs.Select(i => i.Name).ToHashSet();

        var changed = OfferCatalog.Default.Offers.SelectMany(o => o.Changes).Select(c => c.Column).Where(c => !inputs.Contains(c));

        // OnlineBackup is in the IBM sample but not required: where a deployment does not take it, its offer does nothing.
        Assert.Equal(["OnlineBackup"], changed.Distinct());
    }
}
