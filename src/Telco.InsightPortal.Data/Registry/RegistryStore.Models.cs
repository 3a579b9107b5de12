using System.Data.Common;
using Dapper;
using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.Data.Lineage;
using Telco.InsightPortal.Data.Tracking;

using static Telco.InsightPortal.Data.Store.StoreSession;

namespace Telco.InsightPortal.Data.Registry;

public sealed partial class RegistryStore
{
    public async Task<RegisteredModel> CreateModelAsync(string name, string? description, IReadOnlyList<RegistryTag> tags, AuditActor actor,
        CancellationToken ct = default)
    {
        CheckName(name);
        foreach (var tag in tags) CheckTag(tag);
        var text = CheckText(description, MaxDescriptionLength, "description");
        try
        {
            return await _db.WriteAsync(actor, async (c, tx, audit) =>
            {
                if (await c.QuerySingleOrDefaultAsync<RegisteredModel>(Command(RegistrySql.GetModelByName, new { Name = name }, tx, ct)) is not null)
                    throw NameTaken(name);
                var id = await c.ExecuteScalarAsync<long>(Command(RegistrySql.InsertModel, new { Name = name, Description = text, CreatedBy = actor.Name, Now }, tx, ct));
                foreach (var tag in tags) await c.ExecuteAsync(Command(RegistrySql.UpsertModelTag, new { ModelId = id, tag.Key, tag.Value }, tx, ct));
                audit.Add(new AuditEvent("model.create", "registered_model", name));
                return await LoadModelAsync(c, tx, name, ct);
            }, ct);
        }
        catch (DbException e) when (IsUniqueViolation(e))
        {
            // Two creators raced past the name check; the unique index decided.
            throw NameTaken(name);
        }
    }

    public Task<RegisteredModel> GetModelAsync(string name, CancellationToken ct = default)
    {
        CheckName(name);
        return _db.ReadAsync(c => LoadModelAsync(c, null, name, ct), ct);
    }

    public Task<RegisteredModel> UpdateModelAsync(string name, string? description, AuditActor actor, CancellationToken ct = default)
    {
        CheckName(name);
        var text = CheckText(description, MaxDescriptionLength, "description");
        return _db.WriteAsync(actor, async (c, tx, audit) =>
        {
            var model = await RequireModelAsync(c, tx, name, ct);
            await c.ExecuteAsync(Command(RegistrySql.UpdateModelDescription, new { model.ModelId, Description = text, Now }, tx, ct));
            audit.Add(new AuditEvent("model.update", "registered_model", name));
            return await LoadModelAsync(c, tx, name, ct);
        }, ct);
    }

    public async Task<RegisteredModel> RenameModelAsync(string name, string newName, AuditActor actor, CancellationToken ct = default)
    {
        CheckName(name);
        CheckName(newName, "new_name");
        try
        {
            return await _db.WriteAsync(actor, async (c, tx, audit) =>
            {
                var model = await RequireModelAsync(c, tx, name, ct);
                if (name == newName) return await LoadModelAsync(c, tx, name, ct);
                if (await c.QuerySingleOrDefaultAsync<RegisteredModel>(Command(RegistrySql.GetModelByName, new { Name = newName }, tx, ct)) is not null)
                    throw NameTaken(newName);
                await c.ExecuteAsync(Command(RegistrySql.RenameModel, new { model.ModelId, NewName = newName, Now }, tx, ct));
                await LineageRecorder.RenameModelAsync(c, tx, model.Name, newName, ct);
                audit.Add(new AuditEvent("model.rename", "registered_model", newName, Details: new { before = name, after = newName }));
                return await LoadModelAsync(c, tx, newName, ct);
            }, ct);
        }
        catch (DbException e) when (IsUniqueViolation(e))
        {
            throw NameTaken(newName);
        }
    }

    /// <summary>Deletes the model with its versions, tags, aliases and approval requests (the audit trail keeps their history).</summary>
    public Task DeleteModelAsync(string name, AuditActor actor, CancellationToken ct = default)
    {
        CheckName(name);
        return _db.WriteAsync(actor, async (c, tx, audit) =>
        {
            var model = await RequireModelAsync(c, tx, name, ct);
            var ids = new { model.ModelId };
            foreach (var sql in new[] { RegistrySql.DeleteModelDecisions, RegistrySql.DeleteModelApprovals, RegistrySql.DeleteModelAliases, RegistrySql.DeleteModelVersionTags,
                         RegistrySql.DeleteModelVersions, RegistrySql.DeleteModelTags, RegistrySql.DeleteModel })
                await c.ExecuteAsync(Command(sql, ids, tx, ct));
            audit.Add(new AuditEvent("model.delete", "registered_model", name));
            return true;
        }, ct);
    }

    public Task SetModelTagAsync(string name, RegistryTag tag, AuditActor actor, CancellationToken ct = default)
    {
        CheckName(name);
        CheckTag(tag);
        return _db.WriteAsync(actor, async (c, tx, audit) =>
        {
            var model = await RequireModelAsync(c, tx, name, ct);
            await c.ExecuteAsync(Command(RegistrySql.UpsertModelTag, new { model.ModelId, tag.Key, tag.Value }, tx, ct));
            await c.ExecuteAsync(Command(RegistrySql.TouchModel, new { model.ModelId, Now }, tx, ct));
            audit.Add(new AuditEvent("model.tag.set", "registered_model", name, Details: new { key = tag.Key }));
            return true;
        }, ct);
    }

    public Task DeleteModelTagAsync(string name, string key, AuditActor actor, CancellationToken ct = default)
    {
        CheckName(name);
        return _db.WriteAsync(actor, async (c, tx, audit) =>
        {
            var model = await RequireModelAsync(c, tx, name, ct);
            if (await c.ExecuteAsync(Command(RegistrySql.DeleteModelTag, new { model.ModelId, Key = key }, tx, ct)) == 0)
                throw TrackingException.NotFound($"No tag with name: {key} in registered model {name}.");
            audit.Add(new AuditEvent("model.tag.delete", "registered_model", name, Details: new { key }));
            return true;
        }, ct);
    }

    private async Task<RegisteredModel> LoadModelAsync(DbConnection c, DbTransaction? tx, string name, CancellationToken ct) =>
        (await DecorateAsync(c, tx, [await RequireModelAsync(c, tx, name, ct)], ct))[0];

    /// <summary>Adds tags, aliases and the newest version per stage to each model, in three queries for the whole page.</summary>
    private async Task<IReadOnlyList<RegisteredModel>> DecorateAsync(DbConnection c, DbTransaction? tx, IReadOnlyList<RegisteredModel> models, CancellationToken ct)
    {
        var ids = new { Ids = models.Select(m => m.ModelId).ToList() };
        var tags = (await c.QueryAsync<(long Id, string Key, string Value)>(Command(_db.InList(RegistrySql.ModelTagsOf), ids, tx, ct)))
            .ToLookup(t => t.Id, t => new RegistryTag(t.Key, t.Value));
        var aliases = (await c.QueryAsync<(long Id, string Alias, long Version)>(Command(_db.InList(RegistrySql.AliasesOf), ids, tx, ct)))
            .ToLookup(a => a.Id, a => new ModelAlias(a.Alias, a.Version));
        var versions = (await DecorateAsync(c, tx, (await c.QueryAsync<ModelVersion>(Command(_db.InList(RegistrySql.VersionsOfModel), ids, tx, ct))).ToList(), ct))
            .ToLookup(v => v.ModelId);
        return models.Select(m => m with
        {
            Tags = tags[m.ModelId].ToList(),
            Aliases = aliases[m.ModelId].ToList(),
            LatestVersions = versions[m.ModelId].GroupBy(v => v.CurrentStage).Select(g => g.First()).OrderBy(v => v.Version).ToList(),
        }).ToList();
    }
}
