using Bunit;
using Telco.InsightPortal.Data.Deployments;
using Telco.InsightPortal.Web.Deployments.Pages;

namespace Telco.InsightPortal.Web.Tests.Deployments;

[Collection(nameof(DeployedPortalCollection))]
public sealed class RecentRequestsTests(DeployedPortal portal) : DeploymentsTestContext(portal)
{
    [Fact]
    public async Task ASearchByIdFindsThatCustomersPredictionsAndSaysWhenThereAreNone()
    {
        var deployment = await DeployWithLogAsync("churn-recent-search", ["7590-VHVEG", null, "5575-GNVDE", "7590-VHVEG"]);
        SignInScientist();
        var cut = Render<RecentRequests>(p => p.Add(x => x.Deployment, deployment));
        cut.WaitForAssertion(() => Assert.Equal(4, Rows(cut).Count));

        cut.Find("#recent-search").Input("7590-VHVEG");
        cut.Find("#recent-search-form").Submit();
        cut.WaitForAssertion(() => Assert.Equal(2, Rows(cut).Count));
        var found = Ids(cut);
        cut.Find("#recent-search").Input("0000-NOBODY");
        cut.Find("#recent-search-form").Submit();
        cut.WaitForAssertion(() => Assert.Empty(Rows(cut)));

        Assert.Equal(["7590-VHVEG", "7590-VHVEG"], found);
        Assert.Equal("No predictions for id '0000-NOBODY'.", cut.Find("#recent-empty").TextContent);
        cut.Find("#recent-search-clear").Click();
        cut.WaitForAssertion(() => Assert.Equal(["7590-VHVEG", "5575-GNVDE", "—", "7590-VHVEG"], Ids(cut)));
    }

    [Fact]
    public async Task ARowShowsItsUuidShortWithTheFullTextTheVersionLinkAndItsInputsByNameAsText()
    {
        var deployment = await DeployWithLogAsync("churn-recent-row", ["3668-QPYBK"], tenure: "<b>12</b>");
        SignInScientist();
        var cut = Render<RecentRequests>(p => p.Add(x => x.Deployment, deployment));
        cut.WaitForAssertion(() => Assert.Single(Rows(cut)));
        var uuid = (await Portal.Get<DeploymentStore>().PredictionsAsync(deployment, 0, long.MaxValue, 1, Ct))[0].Uuid;

        var closed = cut.FindAll(".prediction-inputs").Count;
        cut.Find(".prediction-inputs-toggle").Click();

        var shown = cut.Find(".prediction-uuid");
        Assert.Equal(uuid, shown.GetAttribute("title"));
        Assert.Equal($"{uuid[..8]}…{uuid[^4..]}", shown.TextContent);
        Assert.NotEmpty(cut.FindAll(".prediction-uuid-copy"));
        Assert.Equal("/models/churn?version=1", cut.Find("#recent-table a").GetAttribute("href"));
        Assert.Equal(0, closed);
        var inputs = cut.Find(".prediction-inputs");
        Assert.Equal(["tenure:", "Contract:"], inputs.QuerySelectorAll("dt").Select(e => e.TextContent.Trim()));
        Assert.Equal(["<b>12</b>", "Two year"], inputs.QuerySelectorAll("dd").Select(e => e.TextContent.Trim()));
        Assert.Empty(inputs.QuerySelectorAll("b"));
    }

    [Fact]
    public async Task OlderAndNewerPageThroughTheLog()
    {
        var deployment = await DeployWithLogAsync("churn-recent-pages", [.. Enumerable.Range(0, RecentRequests.PageSize + 3).Select(i => $"C-{i:D3}")]);
        SignInScientist();
        var cut = Render<RecentRequests>(p => p.Add(x => x.Deployment, deployment));
        cut.WaitForAssertion(() => Assert.Equal(RecentRequests.PageSize, Rows(cut).Count));
        var first = Ids(cut);

        cut.Find("#recent-older").Click();
        cut.WaitForAssertion(() => Assert.Equal(3, Rows(cut).Count));
        var second = Ids(cut);
        cut.Find("#recent-newer").Click();
        cut.WaitForAssertion(() => Assert.Equal(RecentRequests.PageSize, Rows(cut).Count));

        Assert.Equal("C-027", first[0]);
        Assert.Equal(["C-002", "C-001", "C-000"], second);
        Assert.Equal(first, Ids(cut));
        Assert.True(cut.Find("#recent-newer").HasAttribute("disabled"));
    }

    /// <summary>A deployment whose log holds one prediction per id, oldest first, a second apart and minutes old.</summary>
    private async Task<DeploymentRecord> DeployWithLogAsync(string name, string?[] ids, string tenure = "12")
    {
        await DeployAsync(name);
        var store = Portal.Get<DeploymentStore>();
        var deployment = (await store.GetAsync(name, Ct))!;
        var layout = new PredictionLayout(deployment.Id, "churn/1", "[\"tenure\",\"Contract\"]");
        var start = DateTimeOffset.UtcNow.AddMinutes(-10);
        var values = System.Text.Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(new object[] { tenure, "Two year" }));
        await store.WritePredictionsAsync(
            [.. ids.Select((id, i) => new LoggedPrediction(layout, Guid.CreateVersion7(start.AddSeconds(i)), 2.5, values, 0.25f, 0, id))], [], Ct);
        return deployment;
    }

    private static IReadOnlyList<AngleSharp.Dom.IElement> Rows(IRenderedComponent<RecentRequests> cut) => cut.FindAll("#recent-table .prediction-id");

    private static List<string> Ids(IRenderedComponent<RecentRequests> cut) => [.. cut.FindAll("#recent-table .prediction-id").Select(e => e.TextContent.Trim())];
}
