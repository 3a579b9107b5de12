using Telco.InsightPortal.Core.Jobs;
using Telco.InsightPortal.Data.Registry;
using Telco.InsightPortal.Data.Tracking;

namespace Telco.InsightPortal.Web.Tests.Jobs.Kinds;

[Collection(nameof(KindsPortalCollection))]
public sealed class RegisterKindTests(KindsPortal portal)
{
    [Fact]
    public async Task AFinishedRunBecomesTheNextVersionTaggedWithTheJobAndItsRun()
    {
        var first = await portal.RunAsync(JobKindCatalog.Register, new() { ["run"] = portal.RunId, ["model"] = "reg-churn", ["description"] = "Nightly retrain." });
        var second = await portal.RunAsync(JobKindCatalog.Register, new() { ["run"] = portal.RunId, ["model"] = "reg-churn" });

        var version = await Registry.GetVersionAsync("reg-churn", 2, Ct);
        Assert.Equal("reg-churn", first["model"]);
        Assert.Equal(1L, first["version"]);
        Assert.Equal(2L, second["version"]);
        Assert.Equal(portal.RunId, version.RunId);
        Assert.Equal("job:nightly", version.CreatedBy);
        Assert.Contains(new RegistryTag("job", "nightly"), version.Tags);
        Assert.Contains(new RegistryTag("job_run_id", second.RunId.ToString(System.Globalization.CultureInfo.InvariantCulture)), version.Tags);
        Assert.Equal("Nightly retrain.", (await Registry.GetVersionAsync("reg-churn", 1, Ct)).Description);
        Assert.Contains(second.Log, l => l.Contains("version 2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ARetryOfTheSameJobRunFindsItsVersionInsteadOfMakingAnother()
    {
        var first = await portal.RunAsync(JobKindCatalog.Register, new() { ["run"] = portal.RunId, ["model"] = "reg-retry" }, jobRunId: 4242);
        var retry = await portal.RunAsync(JobKindCatalog.Register, new() { ["run"] = portal.RunId, ["model"] = "reg-retry" }, jobRunId: 4242);
        var next = await portal.RunAsync(JobKindCatalog.Register, new() { ["run"] = portal.RunId, ["model"] = "reg-retry" }, jobRunId: 4243);

        Assert.Equal(1L, first["version"]);
        Assert.Equal(1L, retry["version"]);
        Assert.Equal(2L, next["version"]);
        Assert.Equal(2, (await Registry.ListVersionsAsync("reg-retry", Ct)).Count);
        Assert.Contains(retry.Log, l => l.Contains("already registered as reg-retry version 1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnUnknownRunFailsAndCreatesNoModel()
    {
        var step = await portal.RunAsync(JobKindCatalog.Register, new() { ["run"] = "0123456789abcdef0123456789abcdef", ["model"] = "reg-ghost" });

        Assert.Contains("no training run '0123456789abcdef0123456789abcdef'", step.Reason, StringComparison.Ordinal);
        var missing = await Assert.ThrowsAsync<TrackingException>(() => Registry.GetModelAsync("reg-ghost", Ct));
        Assert.Equal(TrackingErrors.NotFound, missing.ErrorCode);
    }

    [Fact]
    public async Task ARunThatHasNotFinishedIsRefusedAndNoVersionIsRegistered()
    {
        // A run an MLflow client opened and has not ended: RUNNING, with no model zip.
        var open = await portal.OpenRunAsync();

        var step = await portal.RunAsync(JobKindCatalog.Register, new() { ["run"] = open, ["model"] = "reg-unfinished" });

        Assert.Contains($"Run {open} is RUNNING; only a FINISHED run can be registered", step.Reason, StringComparison.Ordinal);
        await Assert.ThrowsAsync<TrackingException>(() => Registry.GetModelAsync("reg-unfinished", Ct));
    }

    [Fact]
    public async Task AnInvalidModelNameIsRefusedWithTheRegistrysReason()
    {
        var step = await portal.RunAsync(JobKindCatalog.Register, new() { ["run"] = portal.RunId, ["model"] = new string('m', 300) });

        Assert.StartsWith($"Run {portal.RunId} was not registered", step.Reason, StringComparison.Ordinal);
        Assert.Contains("longer than 256", step.Reason, StringComparison.Ordinal);
    }

    private RegistryStore Registry => portal.Get<RegistryStore>();

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;
}
