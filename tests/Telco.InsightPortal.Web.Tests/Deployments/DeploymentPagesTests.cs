using Bunit.TestDoubles;
using Bunit;
using Telco.InsightPortal.UI;
using Telco.InsightPortal.Web.Deployments.Pages;
using Telco.InsightPortal.Web.Security;

namespace Telco.InsightPortal.Web.Tests.Deployments;

[CollectionDefinition(nameof(DeployedPortalCollection))]
public sealed class DeployedPortalCollection : ICollectionFixture<DeployedPortal>;

[Collection(nameof(DeployedPortalCollection))]
public sealed class DeploymentPagesTests(DeployedPortal portal) : DeploymentsTestContext(portal)
{
    [Fact]
    public async Task AReaderSeesTheDeploymentButNoWriteButtons()
    {
        await DeployAsync("churn-read");
        SignIn("rita", Policies.DeploymentsRead);

        var list = Render<DeploymentsPage>();
        list.WaitForAssertion(() => Assert.Contains("churn-read", list.Find("#deployment-table").TextContent));
        var page = Render<DeploymentPage>(p => p.Add(x => x.Name, "churn-read"));
        page.WaitForAssertion(() => Assert.Equal("churn-read", page.Find("#deployment-name").TextContent));

        Assert.Contains("churn v1", list.Find("#deployment-table").TextContent);
        Assert.Contains("100%", list.Find("#deployment-table").TextContent);
        Assert.Empty(list.FindAll("#deploy-button"));
        Assert.Empty(page.FindAll("#target-actions"));
        Assert.Empty(page.FindAll("#rollback-button"));
        Assert.Empty(page.FindAll("#key-create"));
        Assert.Empty(page.FindAll(".key-revoke"));
    }

    [Fact]
    public async Task AnUnknownDeploymentSaysSo()
    {
        SignIn("rita", Policies.DeploymentsRead);

        var page = Render<DeploymentPage>(p => p.Add(x => x.Name, "no-such"));

        page.WaitForAssertion(() => Assert.Contains("There is no deployment 'no-such'.", page.Markup));
        await Task.CompletedTask;
    }

    [Fact]
    public async Task ANewKeyIsShownOnceThenOnlyItsPrefix()
    {
        await DeployAsync("churn-keys");
        SignInScientist();
        var keys = Render<KeysPanel>(p => p.Add(x => x.Deployment, Portal.Get<Data.Deployments.DeploymentStore>().GetAsync("churn-keys", Ct).Result!).Add(x => x.CanWrite, true));
        // The deployment's first key and the portal's own.
        keys.WaitForAssertion(() => Assert.Equal(2, keys.FindAll("#key-table tbody tr").Count));

        keys.Find("#key-name").Change("dashboard");
        keys.Find("#key-create").Click();
        keys.WaitForAssertion(() => Assert.Equal(3, keys.FindAll("#key-table tbody tr").Count));
        var secret = keys.Find("#access-key").GetAttribute("value")!;
        var again = Render<KeysPanel>(p => p.Add(x => x.Deployment, Portal.Get<Data.Deployments.DeploymentStore>().GetAsync("churn-keys", Ct).Result!).Add(x => x.CanWrite, true));
        again.WaitForAssertion(() => Assert.Equal(3, again.FindAll("#key-table tbody tr").Count));

        Assert.StartsWith("tsk_", secret);
        Assert.Contains(secret[..12], keys.Find("#key-table").TextContent);
        Assert.DoesNotContain(secret, again.Markup);
        Assert.Empty(again.FindAll("#access-key"));
    }

    [Fact]
    public async Task TryItScoresThroughServingAndShowsTheTopContributions()
    {
        await DeployAsync("churn-try");
        SignInScientist();
        var deployment = (await Portal.Get<Data.Deployments.DeploymentStore>().GetAsync("churn-try", Ct))!;
        var form = Render<TryItForm>(p => p.Add(x => x.Deployment, deployment));
        form.WaitForAssertion(() => Assert.NotEmpty(form.FindAll("#try-inputs input")));

        foreach (var input in form.FindAll("#try-inputs input[data-column]").ToList())
        {
            var column = input.GetAttribute("data-column")!;
            form.Find($"#try-inputs input[data-column='{column}']").Input(Sample(column, input.GetAttribute("type")));
        }
        form.Find("#try-score").Click();
        form.WaitForAssertion(() => Assert.NotEmpty(form.FindAll("#try-result")), TimeSpan.FromSeconds(20));

        var probability = TryItResult.Probability(form.Find("#try-result").TextContent);
        Assert.InRange(probability, 0, 1);
        Assert.Contains("churn/1", form.Find("#try-result").TextContent);
        // The contributions come from a second call (/explain) after the probability is shown.
        form.WaitForAssertion(() => Assert.NotEmpty(form.FindComponents<Stub<BarChart>>()), TimeSpan.FromSeconds(20));
        var chart = form.FindComponent<Stub<BarChart>>();
        Assert.Equal(TryItForm.TopContributions, chart.Instance.Parameters.Get(x => x.Labels).Count);
        Assert.Contains(PortalKeysName, (await Portal.Get<Serving.Deployments.DeploymentService>().KeysAsync("churn-try", Ct)).Select(k => k.Name));
    }

    [Fact]
    public async Task TryItNamesAColumnWhoseValueIsNotANumber()
    {
        await DeployAsync("churn-empty");
        SignInScientist();
        var deployment = (await Portal.Get<Data.Deployments.DeploymentStore>().GetAsync("churn-empty", Ct))!;
        var form = Render<TryItForm>(p => p.Add(x => x.Deployment, deployment));
        form.WaitForAssertion(() => Assert.NotEmpty(form.FindAll("#try-inputs input")));

        form.Find("#try-inputs input[data-column='tenure']").Input("twelve");
        form.Find("#try-score").Click();

        form.WaitForAssertion(() => Assert.Contains("'tenure' must be an integer.", form.Find("#try-error").TextContent));
        Assert.Empty(form.FindAll("#try-result"));
    }

    private const string PortalKeysName = Web.Deployments.Client.PortalKeys.KeyName;

    /// <summary>A plausible value per column of the demo churn data.</summary>
    private static string Sample(string column, string? type) => column switch
    {
        "gender" => "Female",
        "Contract" => "Month-to-month",
        "PaymentMethod" => "Electronic check",
        "InternetService" => "Fiber optic",
        _ when type == "number" => column is "tenure" ? "3" : column.Contains("Charges") ? "70.5" : "0",
        _ => "No",
    };
}
