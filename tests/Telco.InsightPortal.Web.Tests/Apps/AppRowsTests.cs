using Dapper;
using Telco.InsightPortal.Apps;
using Telco.InsightPortal.Data.Apps;
using Telco.InsightPortal.Data.Deployments;
using Telco.InsightPortal.Data.Registry;
using Telco.InsightPortal.Data.Store;
using Telco.InsightPortal.Serving.Deployments;
using Telco.InsightPortal.Web.Apps;
using Telco.InsightPortal.Web.Deployments.Client;
using Telco.InsightPortal.Web.Tests.Deployments;

namespace Telco.InsightPortal.Web.Tests.Apps;

/// <summary>
/// Apps' rows on a real portal with a real deployment: a page's scores are the deployment's own (the same row scored
/// through <c>/invocations</c> agrees), a page read writes nothing while the background filler caches the snapshot,
/// and a decision saved on the version changes the label <c>/invocations</c> returns.
/// </summary>
[Collection(nameof(DeployedPortalCollection))]
public sealed class AppRowsTests(DeployedPortal deployed)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task APageIsScoredByTheDeploymentAndTheFillerCachesTheSnapshotInTheBackground()
    {
        const string app = "rows-test";
        await deployed.Get<DeploymentService>().CreateAsync("churn-rows", "churn", "1", null, 1, DeployedPortal.Dora, Ct);
        await deployed.Get<AppBindingStore>().BindAsync(app, "churn-rows", DeployedPortal.Dora, Ct);
        var rows = deployed.Get<AppRows>();
        var snapshot = (await rows.SnapshotsAsync(app, Ct))[0];

        var first = await rows.PageAsync(app, snapshot.Id, new AppRowQuery
        {
            In = new Dictionary<string, IReadOnlyList<string>> { ["Contract"] = ["Month-to-month"] }, Limit = 5,
        }, Ct);
        var served = await InvokeAsync("churn-rows", first.Rows[0].Values);
        await WaitUntilAsync(async () => (await rows.PageAsync(app, snapshot.Id, new AppRowQuery { Limit = 1 }, Ct)).FullyScored);
        var cached = await rows.PageAsync(app, snapshot.Id, new AppRowQuery
        {
            SortBy = AppRowQuery.ProbabilitySort, Descending = true, Limit = 3, Bands = [0.25, 0.5],
        }, Ct);

        Assert.Equal(5, first.Rows.Count);
        Assert.All(first.Rows, r => Assert.Equal("Month-to-month", r.Values["Contract"]));
        Assert.Equal(served, first.Rows[0].Probability, 6);
        Assert.Equal(snapshot.Rows, cached.Scored);
        Assert.NotNull(cached.ScoredAt);
        Assert.True(cached.Rows[0].Probability >= cached.Rows[1].Probability && cached.Rows[1].Probability >= cached.Rows[2].Probability);
        Assert.Equal(snapshot.Rows, cached.BandCounts.Sum());
    }

    [Fact]
    public async Task ADecisionSavedOnTheVersionChangesTheLabelServingReturns()
    {
        await deployed.Get<DeploymentService>().CreateAsync("churn-decision", "churn", "1", null, 1, DeployedPortal.Dora, Ct);
        var row = new Dictionary<string, object?>
        {
            ["gender"] = "Female", ["SeniorCitizen"] = 0, ["Partner"] = "Yes", ["Dependents"] = "No", ["tenure"] = 40, ["PhoneService"] = "Yes",
            ["MultipleLines"] = "No", ["InternetService"] = "DSL", ["OnlineSecurity"] = "Yes", ["OnlineBackup"] = "No", ["DeviceProtection"] = "No",
            ["TechSupport"] = "Yes", ["StreamingTV"] = "No", ["StreamingMovies"] = "No", ["Contract"] = "Two year", ["PaperlessBilling"] = "No",
            ["PaymentMethod"] = "Bank transfer (automatic)", ["MonthlyCharges"] = 45.0, ["TotalCharges"] = 1800.0,
        };
        var before = await InvokeAsync("churn-decision", row, label: true);
        Assert.Equal(0, before);

        await deployed.Get<RegistryStore>().SaveDecisionAsync("churn", 1, new VersionDecision
        {
            Threshold = 0.001, TruePositiveValue = 500, FalsePositiveCost = 100,
        }, DeployedPortal.Dora, Ct);

        await WaitUntilAsync(async () => await InvokeAsync("churn-decision", row, label: true) == 1);
        var schema = await deployed.Get<ServingClient>().SchemaAsync("churn-decision", await KeyAsync("churn-decision"), Ct);
        Assert.Equal(0.001, schema.Targets.Single().Threshold);
        await deployed.Get<RegistryStore>().SaveDecisionAsync("churn", 1, new VersionDecision { Threshold = 0.5 }, DeployedPortal.Dora, Ct);
    }

    private async Task<double> InvokeAsync(string deployment, IReadOnlyDictionary<string, object?> row, bool label = false)
    {
        var predictions = await deployed.Get<ServingClient>().InvokeAsync(deployment, await KeyAsync(deployment), [row], Ct);
        return label ? predictions[0].Label : predictions[0].Probability;
    }

    private async Task<string> KeyAsync(string deployment) =>
        (await deployed.Get<PortalKeys>().FindAsync((await deployed.Get<DeploymentStore>().GetAsync(deployment, Ct))!, Ct))!;

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not hold within 90 s");
            await Task.Delay(250, Ct);
        }
    }
}
