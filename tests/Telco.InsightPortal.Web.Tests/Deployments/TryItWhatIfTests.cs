using System.Globalization;
using Bunit;
using Telco.InsightPortal.Web.Deployments.Client;
using Telco.InsightPortal.Web.Deployments.Pages;

namespace Telco.InsightPortal.Web.Tests.Deployments;

/// <summary>The try-it form over a real deployment of the telco churn model, used as a what-if.</summary>
[Collection(nameof(DeployedPortalCollection))]
public sealed class TryItWhatIfTests(DeployedPortal portal) : DeploymentsTestContext(portal)
{
    private async Task<(IRenderedComponent<TryItForm> Form, ServedSchema Schema)> RenderFormAsync(string name)
    {
        var key = await DeployAsync(name);
        SignInScientist();
        var deployment = (await Portal.Get<Data.Deployments.DeploymentStore>().GetAsync(name, Ct))!;
        var form = Render<TryItForm>(p => p.Add(x => x.Deployment, deployment));
        // The first call loads the model into serving: more than bUnit's default wait on a busy machine.
        form.WaitForAssertion(() => Assert.NotEmpty(form.FindAll("#try-inputs input[data-column='TotalCharges']")), TimeSpan.FromSeconds(20));
        return (form, await Portal.Get<ServingClient>().SchemaAsync(name, key, Ct));
    }

    private static string Value(IRenderedComponent<TryItForm> form, string column) =>
        form.Find($"#try-inputs input[data-column='{column}']").GetAttribute("value")!;

    private static void Type(IRenderedComponent<TryItForm> form, string column, string value) =>
        form.Find($"#try-inputs input[data-column='{column}']").Input(value);

    private static string Notes(IRenderedComponent<TryItForm> form, string column) =>
        string.Join(" | ", form.FindAll($"#try-inputs [data-column='{column}'].try-derived, #try-inputs .try-warning[data-column='{column}']").Select(e => e.TextContent.Trim()));

    private static string Times(string tenure, string monthly) =>
        Math.Round(double.Parse(tenure, CultureInfo.InvariantCulture) * double.Parse(monthly, CultureInfo.InvariantCulture), 2).ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task TotalChargesFollowsTenureUntilTheUserTypesItThenRelinks()
    {
        var (form, _) = await RenderFormAsync("churn-whatif");
        var monthly = Value(form, "MonthlyCharges");

        var start = (Value(form, "TotalCharges"), Value(form, "tenure"));
        Type(form, "tenure", "2");
        form.WaitForAssertion(() => Assert.Equal(Times("2", monthly), Value(form, "TotalCharges")));
        var linkedNote = Notes(form, "TotalCharges");
        Type(form, "TotalCharges", "1574");
        Type(form, "tenure", "3");
        form.WaitForAssertion(() => Assert.Contains("set by hand", Notes(form, "TotalCharges")));
        var byHand = (Value(form, "TotalCharges"), Notes(form, "TotalCharges"));
        form.Find("#try-inputs .try-link[data-column='TotalCharges']").Click();

        Assert.Equal(Times(start.Item2, monthly), start.Item1);
        Assert.Contains("follows tenure × MonthlyCharges", linkedNote);
        Assert.Equal("1574", byHand.Item1);
        Assert.Contains($"unusual combination: far from tenure × MonthlyCharges ≈ {Times("3", monthly)}", byHand.Item2);
        form.WaitForAssertion(() => Assert.Equal(Times("3", monthly), Value(form, "TotalCharges")));
        Assert.DoesNotContain("unusual combination", Notes(form, "TotalCharges"));
    }

    [Fact]
    public async Task ATenureOutsideTheTrainingRangeIsFlaggedAndTheScoreShowsPoints()
    {
        var (form, schema) = await RenderFormAsync("churn-range");
        var tenure = schema.Inputs.Single(i => i.Name == "tenure");

        Type(form, "tenure", (tenure.Max!.Value + 100).ToString(CultureInfo.InvariantCulture));
        form.WaitForAssertion(() => Assert.Contains($"outside the training range {tenure.Min}..{tenure.Max}", Notes(form, "tenure")));
        form.Find("#try-score").Click();
        form.WaitForAssertion(() => Assert.NotEmpty(form.FindAll("#contribution-table tbody tr")), TimeSpan.FromSeconds(20));

        var points = form.FindAll("#contribution-table .contribution-points").Select(e => e.TextContent).ToList();
        Assert.Equal(TryItForm.TopContributions, points.Count);
        Assert.All(points, p => Assert.Matches(@"^[+−]?\d+\.\d pts$", p));
        Assert.NotEmpty(form.FindAll("#contribution-table .contribution-raw"));
    }
}
