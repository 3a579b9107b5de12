using System.Data.Common;
using System.Text.RegularExpressions;
using Dapper;
using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.Data.Tracking;

using static Telco.InsightPortal.Data.Store.StoreSession;

namespace Telco.InsightPortal.Data.Registry;

public sealed partial class RegistryStore
{
    /// <summary>Production and the champion alias are what serving and the apps trust; they need a second person.</summary>
    public static bool NeedsApproval(string targetKind, string target) =>
        targetKind == ApprovalTargets.Stage ? target == ModelStages.Production : target.Equals(ModelAliases.Champion, StringComparison.OrdinalIgnoreCase);

    /// <summary>Moves a version to a stage; to Production it files an approval request instead and answers it as pending.
    /// <paramref name="archiveExisting"/> archives the versions already in the target stage, as MLflow's archive_existing_versions.</summary>
    public Task<RegistryChange> TransitionStageAsync(string name, long version, string stage, bool archiveExisting, string? comment, AuditActor actor,
        CancellationToken ct = default)
    {
        CheckName(name);
        var target = ModelStages.Normalise(stage)
            ?? throw TrackingException.Invalid($"Invalid Model Version stage: {stage}. Value must be one of {string.Join(", ", ModelStages.All)}.");
        var note = CheckText(comment, MaxCommentLength, "comment");
        return _db.WriteAsync(actor, async (c, tx, audit) =>
        {
            var v = await RequireVersionAsync(c, tx, name, version, ct);
            if (NeedsApproval(ApprovalTargets.Stage, target) && v.CurrentStage != target)
                return new RegistryChange(v, await RequestAsync(c, tx, audit, v, ApprovalTargets.Stage, target, archiveExisting, note, actor, ct));
            await ApplyStageAsync(c, tx, audit, v, target, archiveExisting, ct);
            return new RegistryChange(await LoadVersionAsync(c, tx, name, version, ct), null);
        }, ct);
    }

    /// <summary>Points an alias at a version (moving it if it pointed elsewhere); the champion alias files an approval request instead.</summary>
    public Task<RegistryChange> SetAliasAsync(string name, string alias, long version, string? comment, AuditActor actor, CancellationToken ct = default)
    {
        CheckName(name);
        CheckAlias(alias);
        var note = CheckText(comment, MaxCommentLength, "comment");
        return _db.WriteAsync(actor, async (c, tx, audit) =>
        {
            var v = await RequireVersionAsync(c, tx, name, version, ct);
            if (NeedsApproval(ApprovalTargets.Alias, alias) && !await PointsAtAsync(c, tx, v, alias, ct))
                return new RegistryChange(v, await RequestAsync(c, tx, audit, v, ApprovalTargets.Alias, alias, false, note, actor, ct));
            await ApplyAliasAsync(c, tx, audit, v, alias, ct);
            return new RegistryChange(await LoadVersionAsync(c, tx, name, version, ct), null);
        }, ct);
    }

    public Task DeleteAliasAsync(string name, string alias, AuditActor actor, CancellationToken ct = default)
    {
        CheckName(name);
        CheckAlias(alias);
        return _db.WriteAsync(actor, async (c, tx, audit) =>
        {
            var model = await RequireModelAsync(c, tx, name, ct);
            var version = await c.QuerySingleOrDefaultAsync<long?>(Command(RegistrySql.GetAlias, new { model.ModelId, Alias = alias }, tx, ct))
                          ?? throw TrackingException.NotFound($"Registered model alias {alias} not found.");
            await c.ExecuteAsync(Command(RegistrySql.DeleteAlias, new { model.ModelId, Alias = alias }, tx, ct));
            audit.Add(new AuditEvent("model.alias.delete", "model_version", Target(name, version), Details: new { alias }));
            return true;
        }, ct);
    }

    public Task<ModelVersion> GetVersionByAliasAsync(string name, string alias, CancellationToken ct = default)
    {
        CheckName(name);
        CheckAlias(alias);
        return _db.ReadAsync(async c =>
        {
            var model = await RequireModelAsync(c, null, name, ct);
            var version = await c.QuerySingleOrDefaultAsync<long?>(Command(RegistrySql.GetAlias, new { model.ModelId, Alias = alias }, null, ct))
                          ?? throw TrackingException.NotFound($"Registered model alias {alias} not found.");
            return await LoadVersionAsync(c, null, name, version, ct);
        }, ct);
    }

    private static async Task<bool> PointsAtAsync(DbConnection c, DbTransaction tx, ModelVersion v, string alias, CancellationToken ct) =>
        await c.QuerySingleOrDefaultAsync<long?>(Command(RegistrySql.GetAlias, new { v.ModelId, Alias = alias }, tx, ct)) == v.Version;

    private async Task ApplyStageAsync(DbConnection c, DbTransaction tx, List<AuditEvent> audit, ModelVersion v, string stage, bool archiveExisting,
        CancellationToken ct)
    {
        if (archiveExisting && stage is ModelStages.Staging or ModelStages.Production)
        {
            var others = await c.QueryAsync<long>(Command(RegistrySql.VersionsInStage, new { v.ModelId, Stage = stage, v.Version }, tx, ct));
            foreach (var other in others.ToList())
            {
                await c.ExecuteAsync(Command(RegistrySql.SetVersionStage, new { v.ModelId, Version = other, Stage = ModelStages.Archived, Now }, tx, ct));
                audit.Add(new AuditEvent("model.version.stage", "model_version", Target(v.Name, other),
                    Details: new { before = stage, after = ModelStages.Archived, reason = $"version {v.Version} moved to {stage}" }));
            }
        }
        if (v.CurrentStage == stage) return;
        await c.ExecuteAsync(Command(RegistrySql.SetVersionStage, new { v.ModelId, v.Version, Stage = stage, Now }, tx, ct));
        await c.ExecuteAsync(Command(RegistrySql.TouchModel, new { v.ModelId, Now }, tx, ct));
        audit.Add(new AuditEvent("model.version.stage", "model_version", Target(v.Name, v.Version), Details: new { before = v.CurrentStage, after = stage }));
    }

    private async Task ApplyAliasAsync(DbConnection c, DbTransaction tx, List<AuditEvent> audit, ModelVersion v, string alias, CancellationToken ct)
    {
        var before = await c.QuerySingleOrDefaultAsync<long?>(Command(RegistrySql.GetAlias, new { v.ModelId, Alias = alias }, tx, ct));
        if (before == v.Version) return;
        await c.ExecuteAsync(Command(RegistrySql.UpsertAlias, new { v.ModelId, Alias = alias, v.Version }, tx, ct));
        await c.ExecuteAsync(Command(RegistrySql.TouchModel, new { v.ModelId, Now }, tx, ct));
        audit.Add(new AuditEvent("model.alias.set", "model_version", Target(v.Name, v.Version), Details: new { alias, before }));
    }

    /// <summary>MLflow's alias rules: a name, not "latest" and not a version reference like "v3".</summary>
    private static void CheckAlias(string? alias)
    {
        if (string.IsNullOrWhiteSpace(alias)) throw TrackingException.Invalid("Missing value for required parameter 'alias'.");
        if (alias.Length > 255 || !AliasPattern().IsMatch(alias))
            throw TrackingException.Invalid($"Invalid alias name '{alias}': use letters, digits, '_' and '-' (at most 255).");
        if (alias.Equals("latest", StringComparison.OrdinalIgnoreCase) || VersionLike().IsMatch(alias))
            throw TrackingException.Invalid($"Invalid alias name '{alias}': 'latest' and version references like 'v1' are reserved.");
    }

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex AliasPattern();

    [GeneratedRegex("^[vV][0-9]+$")]
    private static partial Regex VersionLike();
}
