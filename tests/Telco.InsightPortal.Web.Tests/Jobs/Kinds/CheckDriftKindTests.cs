using Telco.InsightPortal.Core.Jobs;

namespace Telco.InsightPortal.Web.Tests.Jobs.Kinds;

/// <summary>The check-drift step over the monitoring service: a deployment without traffic has nothing to judge and says
/// so (no number, no alert); an unknown deployment fails the step naming it.</summary>
[Collection(nameof(KindsPortalCollection))]
public sealed class CheckDriftKindTests(KindsPortal portal)
{
    [Fact]
    public async Task ADeploymentWithoutTrafficIsInsufficientAndRaisesNoAlert()
    {
        var model = "drift-" + Guid.NewGuid().ToString("N")[..6];
        await portal.DeployAsync(model, model, await portal.RegisterAsync(model));

        var step = await portal.RunAsync(JobKindCatalog.CheckDrift, new() { ["deployment"] = model, ["windowHours"] = 6L });

        Assert.Equal("insufficient", step["verdict"]);
        Assert.Equal(0L, step["alerts"]);
        Assert.Contains(step.Log, line => line.StartsWith("Verdict over the last 6 h: insufficient", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnUnknownDeploymentFailsTheStepNamingIt()
    {
        var step = await portal.RunAsync(JobKindCatalog.CheckDrift, new() { ["deployment"] = "no-such-deployment" });

        Assert.Contains("'no-such-deployment'", step.Reason);
    }
}
