using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.Data.Deployments;

namespace Telco.InsightPortal.Serving.Keys;

/// <summary>
/// The key the portal scores a deployment with from its own pages. Made on the write paths — by
/// <see cref="Deployments.DeploymentService"/> when a deployment is created, redeployed or started — and never by a
/// read: pages only use it when it is there. Implemented by the portal, which can keep the secret encrypted; serving
/// running alone has none.
/// </summary>
public interface IPortalKeys
{
    /// <summary>Makes a portal key for the deployment, audited as <paramref name="actor"/>, unless it has a live one the
    /// portal can present.</summary>
    Task EnsureAsync(DeploymentRecord deployment, AuditActor actor, CancellationToken ct = default);
}
