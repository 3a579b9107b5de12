using Telco.InsightPortal.Core.Governance;

namespace Telco.InsightPortal.Core.Tests.Governance;

public sealed class PolicyEvaluatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    private static readonly CardCompleteness FullCard = CardCompleteness.Of(true, true, true, true, true, true);

    private static VersionFacts Facts(string stage = "Production", CardCompleteness? card = null, double? auc = 0.84, string createdBy = "dora",
        IReadOnlyList<ApprovalFact>? approvals = null, IReadOnlyList<string>? deployments = null, IReadOnlyList<DriftAlertFact>? alerts = null) => new()
    {
        Model = "churn", Version = 3, Stage = stage, CreatedBy = createdBy, Card = card ?? FullCard, TestAuc = auc,
        Approvals = approvals ?? [Approved("sam")], Deployments = deployments ?? [], OpenDriftAlerts = alerts ?? [],
    };

    private static ApprovalFact Approved(string by, long at = 1000, string target = "Production") =>
        new(1, "stage", target, "approved", "dora", at - 10, "ship it", by, at, "looks good");

    private static DriftAlertFact Alert(double daysOld, string? feature = "tenure") =>
        new(7, "telco-churn", feature, "alert", "open", Now.AddDays(-daysOld).ToUnixTimeMilliseconds());

    private static PolicyEvaluator Evaluator(Func<GovernancePolicies, GovernancePolicies>? change = null) =>
        new(new GovernanceOptions { Policies = change?.Invoke(new GovernancePolicies()) ?? new GovernancePolicies() });

    private static PolicyCheck Check(IReadOnlyList<PolicyCheck> checks, string name) => Assert.Single(checks, c => c.Name == name);

    [Fact]
    public void AProductionVersionWithEverythingInOrderPassesEveryPolicy()
    {
        var checks = Evaluator().Review(Facts(deployments: ["telco-churn"]), Now);

        Assert.Equal([PolicyNames.CompleteCard, PolicyNames.FourEyes, PolicyNames.MinTestAuc, PolicyNames.NoStaleDriftAlert], checks.Select(c => c.Name));
        Assert.All(checks, c => Assert.Equal(PolicyOutcome.Passed, c.Outcome));
        Assert.All(checks, c => Assert.False(c.Blocks));
    }

    [Fact]
    public void AnIncompleteCardFailsAndNamesTheMissingSections()
    {
        var card = CardCompleteness.Of(intendedUse: false, true, true, true, sliceMetrics: false, true);

        var check = Check(Evaluator().Review(Facts(card: card), Now), PolicyNames.CompleteCard);

        Assert.Equal(PolicyOutcome.Failed, check.Outcome);
        Assert.Equal("The model card lacks intended use and slice metrics (4 of 6 sections).", check.Reason);
        Assert.Equal([CardSections.IntendedUse, CardSections.SliceMetrics], card.Missing);
    }

    [Fact]
    public void ACompleteCardPasses()
    {
        var check = Check(Evaluator().Review(Facts(), Now), PolicyNames.CompleteCard);

        Assert.Equal(PolicyOutcome.Passed, check.Outcome);
        Assert.Equal("The model card has all 6 sections.", check.Reason);
    }

    [Fact]
    public void FourEyesFailsWhenTheCreatorApprovedTheProductionRequest()
    {
        var check = Check(Evaluator().Review(Facts(approvals: [Approved("DORA")]), Now), PolicyNames.FourEyes);

        Assert.Equal(PolicyOutcome.Failed, check.Outcome);
        Assert.Contains("who created the version", check.Reason);
    }

    [Fact]
    public void FourEyesLooksAtTheLatestApprovalToProduction()
    {
        var approvals = new[] { Approved("dora", at: 2000), Approved("sam", at: 1000), Approved("sam", at: 3000, target: "Staging") };

        var check = Check(Evaluator().Review(Facts(approvals: approvals), Now), PolicyNames.FourEyes);

        Assert.Equal(PolicyOutcome.Failed, check.Outcome);
    }

    [Fact]
    public void FourEyesFailsForAProductionVersionWithoutAnApproval()
    {
        var check = Check(Evaluator().Review(Facts(approvals: []), Now), PolicyNames.FourEyes);

        Assert.Equal(PolicyOutcome.Failed, check.Outcome);
        Assert.Equal("The version is in Production without an approved request.", check.Reason);
    }

    [Fact]
    public void FourEyesDoesNotApplyToAStagingVersionNorToAFiledRequest()
    {
        var review = Check(Evaluator().Review(Facts(stage: "Staging", approvals: []), Now), PolicyNames.FourEyes);
        var request = Check(Evaluator().Promotion(Facts(stage: "Staging", approvals: []), Now, approver: null), PolicyNames.FourEyes);

        Assert.Equal(PolicyOutcome.NotApplicable, review.Outcome);
        Assert.Equal(PolicyOutcome.NotApplicable, request.Outcome);
    }

    [Fact]
    public void FourEyesAtApprovalComparesTheApproverWithTheCreator()
    {
        var evaluator = Evaluator();
        var facts = Facts(stage: "Staging", approvals: []);

        Assert.Equal(PolicyOutcome.Failed, Check(evaluator.Promotion(facts, Now, "dora"), PolicyNames.FourEyes).Outcome);
        Assert.Equal(PolicyOutcome.Passed, Check(evaluator.Promotion(facts, Now, "sam"), PolicyNames.FourEyes).Outcome);
    }

    [Theory]
    [InlineData(0.84, PolicyOutcome.Passed)]
    [InlineData(0.75, PolicyOutcome.Failed)]
    [InlineData(0.6, PolicyOutcome.Failed)]
    public void TheTestAucMustBeAboveTheFloor(double auc, PolicyOutcome expected)
    {
        var check = Check(Evaluator().Review(Facts(auc: auc), Now), PolicyNames.MinTestAuc);

        Assert.Equal(expected, check.Outcome);
        Assert.Contains("0.75", check.Reason);
    }

    [Fact]
    public void AVersionWithoutATestAucFailsTheFloor()
    {
        var check = Check(Evaluator().Review(Facts(auc: null), Now), PolicyNames.MinTestAuc);

        Assert.Equal(PolicyOutcome.Failed, check.Outcome);
        Assert.Equal("The run recorded no test AUC (floor 0.75).", check.Reason);
    }

    [Fact]
    public void TheFloorComesFromConfiguration()
    {
        var evaluator = Evaluator(p => p with { MinTestAuc = new AucFloorPolicy { Floor = 0.9 } });

        Assert.Equal(PolicyOutcome.Failed, Check(evaluator.Review(Facts(auc: 0.84), Now), PolicyNames.MinTestAuc).Outcome);
    }

    [Fact]
    public void ADriftAlertOlderThanTheLimitFailsAndYoungerOnesPass()
    {
        var evaluator = Evaluator();

        var stale = Check(evaluator.Review(Facts(deployments: ["telco-churn"], alerts: [Alert(9), Alert(2)]), Now), PolicyNames.NoStaleDriftAlert);
        var fresh = Check(evaluator.Review(Facts(deployments: ["telco-churn"], alerts: [Alert(2)]), Now), PolicyNames.NoStaleDriftAlert);

        Assert.Equal(PolicyOutcome.Failed, stale.Outcome);
        Assert.Equal("1 drift alert open for more than 7 days; the oldest (telco-churn on tenure) is 9 days old.", stale.Reason);
        Assert.Equal(PolicyOutcome.Passed, fresh.Outcome);
        Assert.Equal("1 open drift alert on telco-churn, none older than 7 days.", fresh.Reason);
    }

    [Fact]
    public void DriftDoesNotApplyToAVersionNoDeploymentServes()
    {
        var check = Check(Evaluator().Review(Facts(deployments: []), Now), PolicyNames.NoStaleDriftAlert);

        Assert.Equal(PolicyOutcome.NotApplicable, check.Outcome);
    }

    [Fact]
    public void ArchivedVersionsAreNotChecked()
    {
        var checks = Evaluator().Review(Facts(stage: "Archived", auc: 0.1, approvals: []), Now);

        Assert.All(checks, c => Assert.Equal(PolicyOutcome.NotApplicable, c.Outcome));
    }

    [Fact]
    public void AStagingVersionIsCheckedForReadiness()
    {
        var checks = Evaluator().Review(Facts(stage: "Staging", auc: 0.5, approvals: []), Now);

        Assert.Equal(PolicyOutcome.Failed, Check(checks, PolicyNames.MinTestAuc).Outcome);
        Assert.Equal(PolicyOutcome.Passed, Check(checks, PolicyNames.CompleteCard).Outcome);
    }

    [Fact]
    public void ADisabledPolicyIsLeftOut()
    {
        var evaluator = Evaluator(p => p with { FourEyes = new PolicySwitch { Enabled = false } });

        Assert.DoesNotContain(evaluator.Review(Facts(), Now), c => c.Name == PolicyNames.FourEyes);
    }

    [Fact]
    public void OnlyAFailedBlockingCheckBlocks()
    {
        var evaluator = Evaluator(p => p with { MinTestAuc = new AucFloorPolicy { Blocking = true }, CompleteCard = new PolicySwitch { Blocking = true } });

        var checks = evaluator.Promotion(Facts(auc: 0.5), Now, approver: null);

        Assert.True(Check(checks, PolicyNames.MinTestAuc).Blocks);
        Assert.False(Check(checks, PolicyNames.CompleteCard).Blocks);
        Assert.False(Check(checks, PolicyNames.FourEyes).Blocks);
    }

    [Theory]
    [InlineData(-0.1, 7, "MinTestAuc:Floor")]
    [InlineData(1.5, 7, "MinTestAuc:Floor")]
    [InlineData(double.NaN, 7, "MinTestAuc:Floor")]
    [InlineData(0.75, -1, "NoStaleDriftAlert:MaxAgeDays")]
    public void ABadSettingIsNamedAtStartUp(double floor, int days, string setting)
    {
        var options = new GovernanceOptions
        {
            Policies = new GovernancePolicies
            {
                MinTestAuc = new AucFloorPolicy { Floor = floor }, NoStaleDriftAlert = new DriftAgePolicy { MaxAgeDays = days },
            },
        };

        var error = Assert.Throws<InvalidOperationException>(() => options.Validated());

        Assert.Contains("Governance:Policies:" + setting, error.Message);
    }

    [Fact]
    public void TheDefaultsAreEnabledAndNotBlocking()
    {
        var p = new GovernanceOptions().Validated().Policies;

        Assert.All(new PolicySwitch[] { p.CompleteCard, p.FourEyes, p.MinTestAuc, p.NoStaleDriftAlert }, s => Assert.True(s.Enabled && !s.Blocking));
        Assert.Equal(0.75, p.MinTestAuc.Floor);
        Assert.Equal(7, p.NoStaleDriftAlert.MaxAgeDays);
    }
}
