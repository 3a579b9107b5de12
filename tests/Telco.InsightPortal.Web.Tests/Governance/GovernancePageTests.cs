using Bunit;
using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.Data.Registry;
using Telco.InsightPortal.Ml.Artifacts;
using Telco.InsightPortal.Ml.Evaluation;
using Telco.InsightPortal.Web.Governance.Pages;
using Telco.InsightPortal.Web.Security;
using Telco.InsightPortal.Web.Tests.Registry;

namespace Telco.InsightPortal.Web.Tests.Governance;

public sealed class GovernancePageTests : RegistryTestContext
{
    private static readonly AuditActor Rita = new("rita");

    /// <summary>The page reads the store on a pool thread; on a busy machine that takes longer than bUnit's default second.</summary>
    private static readonly TimeSpan Loaded = TimeSpan.FromSeconds(10);

    /// <summary>churn v1 in Production with a complete card (approved by rita; AUC 0.84; slices and importance); churn v2
    /// bare at AUC 0.70; towers v1 bare.</summary>
    private async Task SeedAsync()
    {
        var v1 = await RegisterAsync("churn", rocAuc: 0.84);
        WriteArtifact(v1.RunId, ArtifactNames.Slices, new List<SliceColumn>
        {
            new("gender", [new("Female", 40, 12, 0.81, 0.8, 0.6, 0.7, null), new("Male", 44, 10, 0.86, 0.8, 0.6, 0.7, null)]),
            new("Contract", [new("Month-to-month", 50, 20, 0.74, 0.7, 0.6, 0.7, null), new("Two year", 34, 2, null, 0.9, 0, 0, "too few")]),
        });
        await Tracking.SetTagAsync(v1.RunId, new("artifact.slices.json.sha256", "aa"), Ct);
        await Tracking.SetTagAsync(v1.RunId, new("artifact.importance.json.sha256", "bb"), Ct);
        await RegisterAsync("churn", rocAuc: 0.70);
        await RegisterAsync("towers", rocAuc: 0.9);
        await Registry.UpdateVersionAsync("churn", 1, "Ranks customers for retention offers.", Dora, Ct);
        await Registry.SaveDecisionAsync("churn", 1, new VersionDecision { Threshold = 0.35, TruePositiveValue = 300, FalsePositiveCost = 20 }, Dora, Ct);
        var request = await Registry.TransitionStageAsync("churn", 1, "Production", false, "ship it", Dora, Ct);
        await Registry.DecideAsync(request.Pending!.ApprovalId, true, "card read", Rita, Ct);
        await Registry.SetAliasAsync("churn", "challenger", 2, null, Dora, Ct);
    }

    [Fact]
    public async Task EveryModelAndVersionIsListedWithItsChecks()
    {
        await SeedAsync();
        SignIn("arthur", Policies.ModelsRead);

        var cut = Render<GovernancePage>();

        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("tr.governance-version").Count), Loaded);
        var v1 = cut.Find("#governance-churn-1");
        Assert.Contains("Production", v1.TextContent);
        Assert.Contains("approved by rita", v1.TextContent);
        Assert.Contains("0.35", v1.TextContent);
        Assert.Contains("0.840", v1.TextContent);
        Assert.Contains("6/6", v1.TextContent);
        Assert.Contains("2 columns; lowest AUC 0.740 (Contract = Month-to-month)", v1.TextContent);
        Assert.Contains("Four eyes: pass", v1.TextContent);
        Assert.Contains("AUC: pass", v1.TextContent);
        Assert.Contains("Drift: n/a", v1.TextContent);
        var v2 = cut.Find("#governance-churn-2");
        Assert.Contains("@challenger", v2.TextContent);
        Assert.Contains("AUC: fail", v2.TextContent);
        var chip = v2.QuerySelectorAll(".policy-chip").Single(c => c.TextContent.Contains("AUC"));
        Assert.Equal("Test AUC above floor: fail. Test AUC 0.7 is not above the floor 0.75.", chip.GetAttribute("aria-label"));
        Assert.Contains("reports only", cut.Find("#governance-policies").TextContent);
    }

    [Fact]
    public async Task DetailsSayEveryReasonAndApprovalInText()
    {
        await SeedAsync();
        SignIn("arthur", Policies.ModelsRead);
        var cut = Render<GovernancePage>();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("#governance-churn-1")), Loaded);

        cut.Find("#governance-churn-1 .governance-details-toggle").Click();

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("#governance-churn-1-details")), Loaded);
        var details = cut.Find("#governance-churn-1-details").TextContent;
        Assert.Contains("Approved by another person: pass — Approved by rita; created by dora.", details);
        Assert.Contains("Request: “ship it”", details);
        Assert.Contains("Decision: “card read”", details);
        Assert.Contains("Model card (6/6)", details);
        Assert.Contains("Act at scores ≥ 0.35.", details);
        Assert.Equal("true", cut.Find("#governance-churn-1 .governance-details-toggle").GetAttribute("aria-expanded"));
    }

    [Fact]
    public async Task OnlyFailingKeepsTheVersionsWithAFailedCheck()
    {
        await SeedAsync();
        SignIn("arthur", Policies.ModelsRead);
        var cut = Render<GovernancePage>();
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("tr.governance-version").Count), Loaded);

        cut.Find("#governance-only-failing").Change(true);

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("tr.governance-version").Count));
        Assert.Empty(cut.FindAll("#governance-churn-1"));
        Assert.Contains("2 of 3 versions fail at least one check.", cut.Find("#governance-summary").TextContent);
    }

    [Fact]
    public async Task FoldingAModelHidesItsVersions()
    {
        await SeedAsync();
        SignIn("arthur", Policies.ModelsRead);
        var cut = Render<GovernancePage>();
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("tr.governance-version").Count), Loaded);

        cut.FindAll(".governance-toggle")[0].Click();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("tr.governance-version")));
        Assert.Equal("Show the versions of churn", cut.FindAll(".governance-toggle")[0].GetAttribute("aria-label"));
    }

    [Fact]
    public void WithoutModelsThePageSaysHowToGetOne()
    {
        SignIn("arthur", Policies.ModelsRead);

        var cut = Render<GovernancePage>();

        cut.WaitForAssertion(() => Assert.Contains("No registered models yet", cut.Markup));
    }
}
