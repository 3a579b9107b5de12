using System.Data.Common;
using System.Globalization;
using Dapper;
using Telco.InsightPortal.Core.Lineage;
using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.Data.Lineage;
using Telco.InsightPortal.Data.Tracking;

using static Telco.InsightPortal.Data.Store.StoreSession;

namespace Telco.InsightPortal.Data.Registry;

public sealed partial class RegistryStore
{
    /// <summary>Files a request to move a version to Production or onto the champion alias without applying it.</summary>
    public Task<ApprovalRequest> RequestApprovalAsync(string name, long version, string targetKind, string target, bool archiveExisting, string? comment,
        AuditActor actor, CancellationToken ct = default)
    {
        CheckName(name);
        var note = CheckText(comment, MaxCommentLength, "comment");
        if (targetKind == ApprovalTargets.Stage) target = ModelStages.Normalise(target) ?? target;
        if (targetKind is not (ApprovalTargets.Stage or ApprovalTargets.Alias) || !NeedsApproval(targetKind, target))
            throw TrackingException.Invalid($"Only stage {ModelStages.Production} and alias {ModelAliases.Champion} need an approval; '{target}' is changed directly.");
        return _db.WriteAsync(actor, async (c, tx, audit) =>
            await RequestAsync(c, tx, audit, await RequireVersionAsync(c, tx, name, version, ct), targetKind, target, archiveExisting, note, actor, ct), ct);
    }

    /// <summary>
    /// Approves or rejects a pending request. The decider must be someone other than the requester (four eyes) and must
    /// say why; an approval applies the change in the same transaction. Who may decide at all (DataScientist or Admin,
    /// the models:write policy) is checked by the caller, which knows the roles.
    /// </summary>
    /// <exception cref="FourEyesException">The requester tried to decide their own request.</exception>
    public async Task<ApprovalRequest> DecideAsync(long approvalId, bool approve, string? comment, AuditActor actor, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(comment)) throw TrackingException.Invalid("A decision needs a comment saying why.");
        var note = CheckText(comment.Trim(), MaxCommentLength, "comment");
        var action = approve ? "model.approval.approve" : "model.approval.reject";
        try
        {
            return await _db.WriteAsync(actor, async (c, tx, audit) =>
            {
                var request = await RequireApprovalAsync(c, tx, approvalId, ct);
                if (request.Status != ApprovalStatuses.Pending)
                    throw TrackingException.Invalid($"Approval request {approvalId} was already {request.Status} by {request.DecidedBy}.");
                if (string.Equals(request.RequestedBy, actor.Name, StringComparison.OrdinalIgnoreCase))
                    throw new FourEyesException($"You requested {request.Describe()} for {request.Name} version {request.Version}; another DataScientist or Admin must decide it.");
                if (approve && IsProduction(request.TargetKind, request.Target) && gate is not null)
                    await gate.EnsureAllowedAsync(c, tx, request.Name, request.Version, actor.Name, ct);
                var status = approve ? ApprovalStatuses.Approved : ApprovalStatuses.Rejected;
                await c.ExecuteAsync(Command(RegistrySql.DecideApproval, new { Id = approvalId, Status = status, DecidedBy = actor.Name, Comment = note, Now }, tx, ct));
                audit.Add(new AuditEvent(action, "model_version", Target(request.Name, request.Version),
                    Details: new { approvalId, target = request.Describe(), requestedBy = request.RequestedBy, comment = note }));
                if (approve)
                {
                    var v = await RequireVersionAsync(c, tx, request.Name, request.Version, ct);
                    await LineageRecorder.RecordAsync(c, tx, new LineageEdge(LineageNodeTypes.Person, actor.Name, LineageNodeTypes.ModelVersion,
                        LineageIds.ModelVersion(request.Name, request.Version), LineageEdgeKinds.ApprovedBy, Now, actor.Name), ct);
                    if (request.TargetKind == ApprovalTargets.Stage) await ApplyStageAsync(c, tx, audit, v, request.Target, request.ArchivesExisting, ct);
                    else await ApplyAliasAsync(c, tx, audit, v, request.Target, ct);
                }
                return await RequireApprovalAsync(c, tx, approvalId, ct);
            }, ct);
        }
        catch (FourEyesException e)
        {
            // The refusal itself is worth a trace: someone tried to wave their own change through.
            await audit.AppendAsync(actor, new AuditEvent(action, "approval", approvalId.ToString(CultureInfo.InvariantCulture), AuditOutcomes.Denied,
                new { reason = e.Message }), ct);
            throw;
        }
    }

    public Task<ApprovalRequest> GetApprovalAsync(long approvalId, CancellationToken ct = default) =>
        _db.ReadAsync(c => RequireApprovalAsync(c, null, approvalId, ct), ct);

    /// <summary>A model's approval requests, newest first.</summary>
    public Task<IReadOnlyList<ApprovalRequest>> ListApprovalsAsync(string name, bool pendingOnly, CancellationToken ct = default)
    {
        CheckName(name);
        return _db.ReadAsync<IReadOnlyList<ApprovalRequest>>(async c =>
        {
            await RequireModelAsync(c, null, name, ct);
            return (await c.QueryAsync<ApprovalRequest>(Command(RegistrySql.ApprovalsOfModel, new { Name = name, PendingOnly = pendingOnly ? 1 : 0 }, null, ct))).ToList();
        }, ct);
    }

    private async Task<ApprovalRequest> RequestAsync(DbConnection c, DbTransaction tx, List<AuditEvent> audit, ModelVersion v, string targetKind, string target,
        bool archiveExisting, string comment, AuditActor actor, CancellationToken ct)
    {
        if (IsProduction(targetKind, target) && gate is not null) await gate.EnsureAllowedAsync(c, tx, v.Name, v.Version, null, ct);
        var key = new { v.ModelId, v.Version, TargetKind = targetKind, Target = target };
        if (await c.QuerySingleOrDefaultAsync<ApprovalRequest>(Command(RegistrySql.PendingApprovalFor, key, tx, ct)) is { } open)
            throw new TrackingException(TrackingErrors.AlreadyExists,
                $"Version {v.Version} of {v.Name} already has a pending request ({open.ApprovalId}) for {open.Describe()}, filed by {open.RequestedBy}.");
        var id = await c.ExecuteScalarAsync<long>(Command(RegistrySql.InsertApproval, new
        {
            v.ModelId, v.Version, TargetKind = targetKind, Target = target, ArchiveExisting = archiveExisting ? 1 : 0,
            RequestedBy = actor.Name, Comment = comment, Now,
        }, tx, ct));
        audit.Add(new AuditEvent("model.approval.request", "model_version", Target(v.Name, v.Version),
            Details: new { approvalId = id, target = $"{targetKind} {target}", comment }));
        return await RequireApprovalAsync(c, tx, id, ct);
    }

    private static bool IsProduction(string targetKind, string target) => targetKind == ApprovalTargets.Stage && target == ModelStages.Production;

    private static async Task<ApprovalRequest> RequireApprovalAsync(DbConnection c, DbTransaction? tx, long id, CancellationToken ct) =>
        await c.QuerySingleOrDefaultAsync<ApprovalRequest>(Command(RegistrySql.GetApproval, new { Id = id }, tx, ct))
        ?? throw TrackingException.NotFound($"Approval request {id} not found.");
}
