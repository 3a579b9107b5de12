using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Bunit;
using Telco.InsightPortal.Ml.Artifacts;
using Telco.InsightPortal.Ml.Evaluation;
using Telco.InsightPortal.UI;
using Telco.InsightPortal.Web.Registry.Pages;
using Telco.InsightPortal.Web.Security;

namespace Telco.InsightPortal.Web.Tests.Registry;

public sealed class ModelPageTests : RegistryTestContext
{
    private IRenderedComponent<ModelPage> RenderModel(string name)
    {
        var cut = Render<ModelPage>(p => p.Add(x => x.Name, name));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("#model-name")));
        return cut;
    }

    [Fact]
    public async Task AReaderSeesVersionsButNoPromoteOrDecisionButtons()
    {
        await RegisterAsync("churn");
        await Registry.SetAliasAsync("churn", "champion", 1, "please", Dora, Ct);
        SignIn("arthur", Policies.ModelsRead);

        var cut = RenderModel("churn");

        Assert.Single(cut.FindAll("#version-table tbody tr"));
        Assert.Empty(cut.FindAll(".promote-button"));
        Assert.Empty(cut.FindAll(".approve-button"));
        Assert.Contains("A DataScientist or Admin decides this request", cut.Markup);
        Assert.Empty(cut.FindAll("#card-description-edit"));
    }

    [Fact]
    public async Task TheRequesterCannotApproveTheirOwnRequest()
    {
        await RegisterAsync("churn");
        await Registry.SetAliasAsync("churn", "champion", 1, "best AUC", Dora, Ct);
        SignIn("dora", Policies.ModelsRead, Policies.ModelsWrite);

        var cut = RenderModel("churn");

        Assert.NotEmpty(cut.FindAll(".own-request"));
        Assert.Empty(cut.FindAll(".approve-button"));
        Assert.Contains("best AUC", cut.Find(".pending-request").TextContent);
    }

    [Fact]
    public async Task ASecondScientistApprovesWithACommentAndTheAliasMoves()
    {
        await RegisterAsync("churn");
        var request = (await Registry.SetAliasAsync("churn", "champion", 1, null, Dora, Ct)).Pending!;
        SignIn("rita", Policies.ModelsRead, Policies.ModelsWrite);
        var cut = RenderModel("churn");
        Assert.True(cut.Find(".approve-button").HasAttribute("disabled"));

        cut.Find(".decision-comment input").Input("Reviewed the slices");
        cut.Find(".approve-button").Click();

        cut.WaitForAssertion(() => Assert.Contains("approved", cut.Find("#approval-history").TextContent));
        Assert.Equal(1, (await Registry.GetVersionByAliasAsync("churn", "champion", Ct)).Version);
        var decided = await Registry.GetApprovalAsync(request.ApprovalId, Ct);
        Assert.Equal(("rita", "Reviewed the slices"), (decided.DecidedBy, decided.DecisionComment));
        Assert.Contains("@champion → v1", cut.Markup);
    }

    [Fact]
    public async Task TheModelCardShowsSnapshotMetricsImportanceAndSlices()
    {
        var version = await RegisterAsync("churn", rocAuc: 0.8512);
        WriteArtifact(version.RunId, ArtifactNames.Importance, new[] { new ColumnImportance("Contract", 0.07), new ColumnImportance("tenure", 0.03) });
        WriteArtifact(version.RunId, ArtifactNames.Slices, new[]
        {
            new SliceColumn("gender", [new("Female", 500, 130, 0.84, 0.8, 0.66, 0.55, null), new("Male", 520, 140, 0.86, 0.81, 0.67, 0.56, null)]),
            new SliceColumn("Contract", [new("Two year", 40, 2, null, 0.95, 0, 0, "Too small for ROC AUC: 2 positive and 38 negative rows (needs 5 of each).")]),
        });
        SignIn("arthur", Policies.ModelsRead);

        var cut = RenderModel("churn");

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("#model-card-1")));
        Assert.Contains("0.8512", cut.Find("#card-metrics").TextContent);
        Assert.Contains("telco-churn", cut.Find("#card-training-data").TextContent);
        Assert.Contains("#3", cut.Find("#card-training-data").TextContent);
        Assert.Contains(version.ModelSha256, cut.Find("#card-training-data").TextContent);
        var charts = cut.FindComponents<Stub<BarChart>>().Select(c => c.Instance.Parameters).ToList();
        Assert.Contains(charts, p => p.Get(x => x.Labels).SequenceEqual(["Contract", "tenure"]));
        Assert.Contains(charts, p => p.Get(x => x.Labels).SequenceEqual(["Female (500)", "Male (520)"]) && p.Get(x => x.Values).SequenceEqual([0.84, 0.86]));
        Assert.Contains("too small", cut.Find("#slice-Contract").TextContent);
        Assert.Contains("2 positive and 38 negative", cut.Find("#slice-Contract").TextContent);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task AVersionInTheQueryOpensThatVersionsCard(long version)
    {
        await RegisterAsync("churn");
        await RegisterAsync("churn");
        SignIn("arthur", Policies.ModelsRead);
        // How a deployment's recent requests link to the version that scored each prediction.
        Services.GetRequiredService<NavigationManager>().NavigateTo($"/models/churn?version={version}");

        var cut = RenderModel("churn");

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll($"#model-card-{version}")));
        Assert.Empty(cut.FindAll($"#model-card-{3 - version}"));
    }

    [Fact]
    public void AnUnknownModelSaysSo()
    {
        SignIn("arthur", Policies.ModelsRead);

        var cut = Render<ModelPage>(p => p.Add(x => x.Name, "nope"));

        cut.WaitForAssertion(() => Assert.Contains("There is no registered model 'nope'", cut.Markup));
    }
}
