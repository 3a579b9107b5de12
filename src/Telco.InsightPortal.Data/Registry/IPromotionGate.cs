using System.Data.Common;
using Telco.InsightPortal.Core.Errors;

namespace Telco.InsightPortal.Data.Registry;

/// <summary>
/// The one seam every move towards Production passes: the registry calls it, inside its write transaction, when a
/// request to Production is filed (<c>approver</c> null) and when one is approved. Whatever path asked — a page, the
/// portal or MLflow API, a job — the same rules hold, and a refusal leaves nothing written.
/// </summary>
public interface IPromotionGate
{
    /// <exception cref="PromotionBlockedException">A blocking policy fails for the version.</exception>
    Task EnsureAllowedAsync(DbConnection connection, DbTransaction transaction, string model, long version, string? approver, CancellationToken ct);
}

/// <summary>A blocking governance policy failed: the version may not move to Production (HTTP 409, INVALID_STATE).
/// <see cref="PortalException.Details"/> names the failed checks.</summary>
public sealed class PromotionBlockedException(string message, IReadOnlyList<string> failedChecks)
    : PortalException(ErrorKind.Conflict, message, ErrorCodes.InvalidState)
{
    public IReadOnlyList<string> FailedChecks { get; } = failedChecks;
}
