using Telco.InsightPortal.Data.Registry;
using Telco.InsightPortal.Web.Audit;

using static Telco.InsightPortal.Web.Experiments.Api.MlflowJson;

namespace Telco.InsightPortal.Web.Registry.Api;

/// <summary>The portal's four-eyes requests (Databricks calls them transition requests): list, approve, reject. Deciding
/// needs models:write (DataScientist or Admin) and someone other than the requester; the requester gets 403.</summary>
public static class ApprovalEndpoints
{
    public static RouteGroupBuilder MapApprovalEndpoints(this RouteGroupBuilder mlflow)
    {
        var requests = mlflow.MapGroup("/transition-requests");
        requests.MapGet("/list", ListAsync).Reads();
        requests.MapPost("/approve", (HttpRequest r, RegistryStore s, IAuditActorAccessor a, CancellationToken ct) => DecideAsync(r, s, a, true, ct)).Writes();
        requests.MapPost("/reject", (HttpRequest r, RegistryStore s, IAuditActorAccessor a, CancellationToken ct) => DecideAsync(r, s, a, false, ct)).Writes();
        return mlflow;
    }

    internal static object Pending(RegistryChange change) => new
    {
        ModelVersion = ModelVersionJson.From(change.Version),
        PendingApproval = ApprovalJson.From(change.Pending!),
        Message = $"{change.Pending!.Describe()} needs the approval of a second DataScientist or Admin; request {change.Pending.ApprovalId} is pending.",
    };

    private static async Task<IResult> ListAsync(HttpRequest request, RegistryStore store, CancellationToken ct)
    {
        var pendingOnly = !string.Equals(request.Query["status"], "all", StringComparison.OrdinalIgnoreCase);
        var requests = await store.ListApprovalsAsync(Required((string?)request.Query["name"], "name"), pendingOnly, ct);
        return Ok(new { Requests = requests.Select(ApprovalJson.From) });
    }

    private static async Task<IResult> DecideAsync(HttpRequest request, RegistryStore store, IAuditActorAccessor actor, bool approve, CancellationToken ct)
    {
        var body = await ReadAsync<RegistryRequest>(request, ct);
        var id = long.TryParse(Required(body.RequestId, "request_id"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Data.Tracking.TrackingException.Invalid($"Invalid value '{body.RequestId}' for parameter 'request_id': request ids are integers.");
        var decided = await store.DecideAsync(id, approve, body.Comment, await actor.GetCurrentAsync(), ct);
        return Ok(new { Request = ApprovalJson.From(decided) });
    }
}
