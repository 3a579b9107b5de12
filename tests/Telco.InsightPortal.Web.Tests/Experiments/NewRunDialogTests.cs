using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Telco.InsightPortal.Core.Data.Ingestion;
using Telco.InsightPortal.Data.Datasets;
using Telco.InsightPortal.TestSupport;
using Telco.InsightPortal.Web.Experiments.Pages;
using Telco.InsightPortal.Web.Security;

namespace Telco.InsightPortal.Web.Tests.Experiments;

public sealed class NewRunDialogTests : ExperimentsTestContext
{
    private async Task IngestAsync()
    {
        var csv = "customerID,tenure,MonthlyCharges,Churn\n" + string.Join('\n', Enumerable.Range(0, 40)
            .Select(i => $"c{i},{i % 24},{20 + i},{(i % 3 == 0 ? "Yes" : "No")}")) + "\n";
        var writer = new SnapshotWriter(Store.Factory, new IngestLimits(), TimeProvider.System, new Data.Audit.AuditTrail(Store.Factory, TimeProvider.System));
        await writer.IngestAsync("telco-churn", Csv.Stream(csv), new IngestOptions(), Ct);
    }

    [Fact]
    public async Task NewRunQueuesTheRunOnTheCurrentSnapshotAndOpensItsPage()
    {
        await IngestAsync();
        SignIn("scientist", Policies.ExperimentsRead, Policies.ExperimentsWrite);
        var dialogs = Render<MudBlazor.MudDialogProvider>();
        var cut = Render<ExperimentsPage>();

        cut.WaitForElement("#new-run").Click();
        dialogs.WaitForAssertion(() => Assert.False(dialogs.Find("#run-submit").HasAttribute("disabled")));
        dialogs.Find("#run-submit").Click();

        var navigation = Services.GetRequiredService<NavigationManager>();
        cut.WaitForAssertion(() => Assert.StartsWith("http://localhost/runs/", navigation.Uri));
        var run = await Tracking.GetRunAsync(navigation.Uri.Split('/')[^1], Ct);
        Assert.Equal("SCHEDULED", run.Info.Status);
        Assert.Equal("scientist", run.Info.UserId);
        Assert.Contains(run.Tags, t => t.Key == "trainer" && t.Value == "logistic");
        Assert.Contains(run.Tags, t => t.Key == "label" && t.Value == "Churn");
        Assert.Equal(run.Info.RunId, (await Tracking.ClaimNextRunAsync("an instance", TimeSpan.FromMinutes(1), Ct))?.RunId);
    }
}
