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
    public const string ModelShaTagPrefix = "artifact.";

    /// <summary>
    /// A new version from a FINISHED run's model zip. The zip's SHA-256 must match the one the run recorded when it
    /// was trained (tag <c>artifact.model.zip.sha256</c>), so a version never points at a file changed since; the
    /// run's dataset and snapshot tags become the version's lineage. With <paramref name="createModel"/> a missing
    /// registered model is created in the same transaction, so a refused version leaves no empty model behind.
    /// </summary>
    public Task<ModelVersion> CreateVersionAsync(string name, ModelSource source, string? description, IReadOnlyList<RegistryTag> tags,
        AuditActor actor, CancellationToken ct = default, bool createModel = false)
    {
        CheckName(name);
        foreach (var tag in tags) CheckTag(tag);
        var text = CheckText(description, MaxDescriptionLength, "description");
        var sha = ModelSources.Sha256(source.FullPath);
        return _db.WriteAsync(actor, async (c, tx, audit) =>
        {
            if (createModel && await c.QuerySingleOrDefaultAsync<RegisteredModel>(Command(RegistrySql.GetModelByName, new { Name = name }, tx, ct)) is null)
            {
                await c.ExecuteScalarAsync<long>(Command(RegistrySql.InsertModel, new { Name = name, Description = "", CreatedBy = actor.Name, Now }, tx, ct));
                audit.Add(new AuditEvent("model.create", "registered_model", name));
            }
            var model = await RequireModelAsync(c, tx, name, ct);
            var run = await c.QuerySingleOrDefaultAsync<(string RunId, string Status, string LifecycleStage)?>(
                          Command(RegistrySql.GetRunForVersion, new { source.RunId }, tx, ct))
                      ?? throw TrackingException.NotFound($"Run with id={source.RunId} not found");
            if (run.LifecycleStage != LifecycleStages.Active) throw TrackingException.Invalid($"Run '{source.RunId}' is deleted.");
            if (run.Status != "FINISHED") throw TrackingException.Invalid($"Run '{source.RunId}' is {run.Status}; only a FINISHED run can be registered.");
            var runTags = (await c.QueryAsync<(string Key, string Value)>(Command(RegistrySql.RunTags, new { source.RunId }, tx, ct)))
                .ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);
            var shaTag = ModelShaTagPrefix + source.FileInRun + ".sha256";
            if (!runTags.TryGetValue(shaTag, out var recorded))
                throw TrackingException.Invalid($"Run '{source.RunId}' recorded no hash for '{source.FileInRun}' (tag {shaTag}); only a model the portal trained can be registered.");
            if (!string.Equals(recorded, sha, StringComparison.OrdinalIgnoreCase))
                throw TrackingException.Invalid($"The model zip of run '{source.RunId}' has changed since training: its SHA-256 is {sha}, the run recorded {recorded}.");
            if (source.RunArtifactUri is { } uri && await RunArtifactUriAsync(c, tx, source.RunId, ct) != uri)
                throw TrackingException.Invalid($"Invalid model version source '{source.Text}': run '{source.RunId}' does not belong to that experiment.");

            var version = await c.ExecuteScalarAsync<long>(Command(RegistrySql.TakeVersionNumber, new { model.ModelId, Now }, tx, ct));
            long? snapshot = runTags.TryGetValue("snapshot_id", out var s) && long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
            await c.ExecuteAsync(Command(RegistrySql.InsertVersion, new
            {
                model.ModelId, Version = version, Source = source.Text, source.RunId, source.ModelPath, ModelSha256 = sha.ToLowerInvariant(),
                Dataset = runTags.GetValueOrDefault("dataset"), SnapshotId = snapshot, Description = text, CreatedBy = actor.Name, Now,
            }, tx, ct));
            var versionId = LineageIds.ModelVersion(model.Name, version);
            await LineageRecorder.RecordAsync(c, tx, new LineageEdge(LineageNodeTypes.Run, source.RunId, LineageNodeTypes.ModelVersion,
                versionId, LineageEdgeKinds.RegisteredAs, Now, actor.Name), ct);
            await OpenLineageOutbox.AddCompletedRunAsync(c, tx, LineageIds.Key(LineageNodeTypes.ModelVersion, versionId), "register/" + model.Name,
                clock.GetUtcNow(), [new(LineageIds.Key(LineageNodeTypes.Run, source.RunId))], [new(LineageIds.Key(LineageNodeTypes.ModelVersion, versionId))], ct);
            foreach (var tag in tags) await c.ExecuteAsync(Command(RegistrySql.UpsertVersionTag, new { model.ModelId, Version = version, tag.Key, tag.Value }, tx, ct));
            audit.Add(new AuditEvent("model.version.create", "model_version", Target(name, version),
                Details: new { runId = source.RunId, source.ModelPath, sha256 = sha }));
            return await LoadVersionAsync(c, tx, name, version, ct);
        }, ct);
    }

    private static Task<string?> RunArtifactUriAsync(DbConnection c, DbTransaction tx, string runId, CancellationToken ct) =>
        c.QuerySingleOrDefaultAsync<string?>(Command(RegistrySql.RunArtifactUri, new { RunId = runId }, tx, ct));

    public Task<ModelVersion> GetVersionAsync(string name, long version, CancellationToken ct = default)
    {
        CheckName(name);
        return _db.ReadAsync(c => LoadVersionAsync(c, null, name, version, ct), ct);
    }

    /// <summary>Every version of a model, newest first.</summary>
    public Task<IReadOnlyList<ModelVersion>> ListVersionsAsync(string name, CancellationToken ct = default)
    {
        CheckName(name);
        return _db.ReadAsync(async c =>
        {
            var model = await RequireModelAsync(c, null, name, ct);
            return await DecorateAsync(c, null, (await c.QueryAsync<ModelVersion>(Command(_db.InList(RegistrySql.VersionsOfModel), new { Ids = new List<long> { model.ModelId } }, null, ct))).ToList(), ct);
        }, ct);
    }

    public Task<ModelVersion> UpdateVersionAsync(string name, long version, string? description, AuditActor actor, CancellationToken ct = default)
    {
        CheckName(name);
        var text = CheckText(description, MaxDescriptionLength, "description");
        return _db.WriteAsync(actor, async (c, tx, audit) =>
        {
            var v = await RequireVersionAsync(c, tx, name, version, ct);
            await c.ExecuteAsync(Command(RegistrySql.UpdateVersionDescription, new { v.ModelId, Version = version, Description = text, Now }, tx, ct));
            audit.Add(new AuditEvent("model.version.update", "model_version", Target(name, version)));
            return await LoadVersionAsync(c, tx, name, version, ct);
        }, ct);
    }

    public Task DeleteVersionAsync(string name, long version, AuditActor actor, CancellationToken ct = default)
    {
        CheckName(name);
        return _db.WriteAsync(actor, async (c, tx, audit) =>
        {
            var v = await RequireVersionAsync(c, tx, name, version, ct);
            var key = new { v.ModelId, Version = version };
            foreach (var sql in new[] { RegistrySql.DeleteVersionDecision, RegistrySql.DeleteVersionApprovals, RegistrySql.DeleteVersionAliases, RegistrySql.DeleteVersionTags, RegistrySql.DeleteVersion })
                await c.ExecuteAsync(Command(sql, key, tx, ct));
            audit.Add(new AuditEvent("model.version.delete", "model_version", Target(name, version), Details: new { stage = v.CurrentStage }));
            return true;
        }, ct);
    }

    public Task SetVersionTagAsync(string name, long version, RegistryTag tag, AuditActor actor, CancellationToken ct = default)
    {
        CheckName(name);
        CheckTag(tag);
        return _db.WriteAsync(actor, async (c, tx, audit) =>
        {
            var v = await RequireVersionAsync(c, tx, name, version, ct);
            await c.ExecuteAsync(Command(RegistrySql.UpsertVersionTag, new { v.ModelId, Version = version, tag.Key, tag.Value }, tx, ct));
            audit.Add(new AuditEvent("model.version.tag.set", "model_version", Target(name, version), Details: new { key = tag.Key }));
            return true;
        }, ct);
    }

    public Task DeleteVersionTagAsync(string name, long version, string key, AuditActor actor, CancellationToken ct = default)
    {
        CheckName(name);
        return _db.WriteAsync(actor, async (c, tx, audit) =>
        {
            var v = await RequireVersionAsync(c, tx, name, version, ct);
            if (await c.ExecuteAsync(Command(RegistrySql.DeleteVersionTag, new { v.ModelId, Version = version, Key = key }, tx, ct)) == 0)
                throw TrackingException.NotFound($"No tag with name: {key} in model version {name}/{version}.");
            audit.Add(new AuditEvent("model.version.tag.delete", "model_version", Target(name, version), Details: new { key }));
            return true;
        }, ct);
    }

    /// <summary>The newest version in each of <paramref name="stages"/> (all stages when empty), oldest first, as MLflow answers.</summary>
    public async Task<IReadOnlyList<ModelVersion>> GetLatestVersionsAsync(string name, IReadOnlyList<string> stages, CancellationToken ct = default)
    {
        var wanted = stages.Select(s => ModelStages.Normalise(s)
            ?? throw TrackingException.Invalid($"Invalid Model Version stage: {s}. Value must be one of {string.Join(", ", ModelStages.All)}.")).ToHashSet();
        var model = await GetModelAsync(name, ct);
        return model.LatestVersions.Where(v => wanted.Count == 0 || wanted.Contains(v.CurrentStage)).ToList();
    }

    private async Task<ModelVersion> LoadVersionAsync(DbConnection c, DbTransaction? tx, string name, long version, CancellationToken ct) =>
        (await DecorateAsync(c, tx, [await RequireVersionAsync(c, tx, name, version, ct)], ct))[0];

    private async Task<IReadOnlyList<ModelVersion>> DecorateAsync(DbConnection c, DbTransaction? tx, IReadOnlyList<ModelVersion> versions, CancellationToken ct)
    {
        if (versions.Count == 0) return versions;
        var ids = new { Ids = versions.Select(v => v.ModelId).Distinct().ToList() };
        var tags = (await c.QueryAsync<(long ModelId, long Version, string Key, string Value)>(Command(_db.InList(RegistrySql.VersionTagsOf), ids, tx, ct)))
            .ToLookup(t => (t.ModelId, t.Version), t => new RegistryTag(t.Key, t.Value));
        var aliases = (await c.QueryAsync<(long Id, string Alias, long Version)>(Command(_db.InList(RegistrySql.AliasesOf), ids, tx, ct)))
            .ToLookup(a => (a.Id, a.Version), a => a.Alias);
        return versions.Select(v => v with { Tags = tags[(v.ModelId, v.Version)].ToList(), Aliases = aliases[(v.ModelId, v.Version)].ToList() }).ToList();
    }
}
