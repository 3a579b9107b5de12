using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.Data.Deployments;

namespace Telco.InsightPortal.Web.Deployments.Client;

/// <summary>
/// At the portal's start, gives every deployment that lacks a live portal key one, as the system: deployments made
/// before keys were made on the write paths, or whose key was revoked or can no longer be decrypted. Runs in the
/// background so that start-up does not wait on it; pages show "no key" until it is done, and never make one.
/// </summary>
public sealed class PortalKeyProvisioner(DeploymentStore store, PortalKeys keys, ILogger<PortalKeyProvisioner> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            foreach (var deployment in await store.ListAsync(stoppingToken))
                await keys.EnsureAsync(deployment, AuditActor.System, stoppingToken);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException)
        {
            logger.LogWarning("Could not check the portal's deployment keys at start: {Message}", e.Message);
        }
    }
}
