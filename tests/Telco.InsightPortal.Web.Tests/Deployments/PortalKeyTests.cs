using Dapper;
using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.Data.Deployments;
using Telco.InsightPortal.Data.Store;
using Telco.InsightPortal.Serving.Deployments;
using Telco.InsightPortal.Web.Deployments.Client;

namespace Telco.InsightPortal.Web.Tests.Deployments;

/// <summary>The portal's own key is made on the write paths — with the deployment and on a start, by whoever made the
/// change, and at the portal's start by the system — and never by a read.</summary>
[Collection(nameof(DeployedPortalCollection))]
public sealed class PortalKeyTests(DeployedPortal portal)
{
    private static readonly AuditActor Rita = new("rita");

    [Fact]
    public async Task TheCreatorMakesThePortalKeyARevokedOneIsNotReplacedByReadingButByTheNextStart()
    {
        var service = portal.Get<DeploymentService>();
        await service.CreateAsync("churn-pk", "churn", "1", null, 1, DeployedPortal.Dora, Ct);
        var deployment = (await Store.GetAsync("churn-pk", Ct))!;
        var made = await PortalKeyCreationsAsync("churn-pk");
        var key = await Keys.FindAsync(deployment, Ct);

        await service.RevokeKeyAsync("churn-pk", (await Store.PortalKeyAsync(deployment, Ct))!.KeyId, Rita, Ct);
        var afterRevoke = await Keys.FindAsync(deployment, Ct);
        await service.StopAsync("churn-pk", Rita, Ct);
        var whileStopped = await Keys.FindAsync(deployment, Ct);
        await service.StartAsync("churn-pk", DeployedPortal.Dora, Ct);
        var afterStart = await Keys.FindAsync(deployment, Ct);

        Assert.Equal(["dora"], made);
        Assert.StartsWith("tsk_", key);
        Assert.Null(afterRevoke);
        Assert.Null(whileStopped);
        Assert.StartsWith("tsk_", afterStart);
        Assert.NotEqual(key, afterStart);
        Assert.Equal(["dora", "dora"], await PortalKeyCreationsAsync("churn-pk"));
    }

    [Fact]
    public async Task APortalStartingGivesEveryDeploymentLackingAPortalKeyOneAsTheSystem()
    {
        var service = portal.Get<DeploymentService>();
        await service.CreateAsync("churn-boot", "churn", "1", null, 1, DeployedPortal.Dora, Ct);
        var deployment = (await Store.GetAsync("churn-boot", Ct))!;
        await service.RevokeKeyAsync("churn-boot", (await Store.PortalKeyAsync(deployment, Ct))!.KeyId, Rita, Ct);

        await using var restarted = portal.Portal.SecondInstance();
        var keys = (PortalKeys)restarted.Services.GetService(typeof(PortalKeys))!;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await keys.FindAsync(deployment, Ct) is null)
        {
            Assert.True(DateTime.UtcNow < deadline, "The restarted portal did not make the missing portal key within 30 s.");
            await Task.Delay(100, Ct);
        }

        Assert.Equal(["dora", "system"], await PortalKeyCreationsAsync("churn-boot"));
        Assert.NotNull(await Keys.FindAsync(deployment, Ct));
    }

    private DeploymentStore Store => portal.Get<DeploymentStore>();

    private PortalKeys Keys => portal.Get<PortalKeys>();

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    /// <summary>Who made the deployment's portal keys, oldest first, from the audit trail.</summary>
    private async Task<List<string>> PortalKeyCreationsAsync(string deployment)
    {
        await using var c = await portal.Get<IConnectionFactory>().OpenAsync(Ct);
        var rows = await c.QueryAsync<(string Actor, string Details)>(
            "SELECT actor, details FROM audit_entries WHERE action = 'deployment.key.create' AND target_id = @Name ORDER BY seq", new { Name = deployment });
        return [.. rows.Where(r => r.Details.Contains("\"portal\":true", StringComparison.Ordinal)).Select(r => r.Actor)];
    }
}
