using System.Data.Common;
using Dapper;
using Telco.InsightPortal.Core.Dashboards;
using Telco.InsightPortal.Core.Errors;
using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.Data.Lineage;
using Telco.InsightPortal.Data.Store;

using static Telco.InsightPortal.Data.Store.StoreSession;

namespace Telco.InsightPortal.Data.Dashboards;

/// <summary>
/// Dashboards, their version history and their shares. Every change appends a version and its audit entry in the
/// transaction that makes it; nothing here decides who may do it (that needs the user: <see cref="DashboardPermissions"/>).
/// </summary>
public sealed class DashboardStore(IConnectionFactory factory, IAuditTrail audit, TimeProvider clock)
{
    private readonly StoreSession _db = new(factory, audit);

    public Task<IReadOnlyList<DashboardRecord>> ListAsync(CancellationToken ct = default) =>
        _db.ReadAsync<IReadOnlyList<DashboardRecord>>(async c => (await c.QueryAsync<DashboardRecord>(Command(DashboardSql.List, null, null, ct))).AsList(), ct);

    /// <summary>Every share, by dashboard: one read for a whole list page.</summary>
    public Task<ILookup<long, DashboardShare>> SharesAsync(CancellationToken ct = default) =>
        _db.ReadAsync(async c => (await c.QueryAsync<DashboardShareRecord>(Command(DashboardSql.Shares, null, null, ct)))
            .ToLookup(s => s.DashboardId, ToShare), ct);

    public Task<(DashboardRecord Dashboard, IReadOnlyList<DashboardShare> Shares)?> GetAsync(long id, CancellationToken ct = default) =>
        _db.ReadAsync(async c => await ReadAsync(c, null, id, ct), ct);

    public Task<IReadOnlyList<DashboardVersionRecord>> VersionsAsync(long id, CancellationToken ct = default) =>
        _db.ReadAsync<IReadOnlyList<DashboardVersionRecord>>(async c =>
            (await c.QueryAsync<DashboardVersionRecord>(Command(DashboardSql.Versions, new { Id = id }, null, ct))).AsList(), ct);

    public Task<DashboardRecord> CreateAsync(DashboardDraft draft, AuditActor actor, string? note = null, CancellationToken ct = default) =>
        _db.WriteAsync(actor, async (c, tx) =>
        {
            var body = DashboardDocumentWriter.Write(draft.Document);
            var now = Now();
            var id = await c.ExecuteScalarAsync<long>(Command(DashboardSql.Insert, new { draft.Name, Owner = actor.Name, Body = body, Now = now }, tx, ct));
            await c.ExecuteAsync(Command(DashboardSql.InsertVersion,
                new { Id = id, Version = 1L, draft.Name, Body = body, Now = now, By = actor.Name, Note = note }, tx, ct));
            await DashboardLineage.ReplaceAsync(c, tx, id, draft.Document, now, actor.Name, ct);
            var created = (await ReadAsync(c, tx, id, ct))!.Value.Dashboard;
            return (created, (AuditEvent?)new AuditEvent("dashboard.create", "dashboard", Key(id),
                Details: new { name = draft.Name, charts = draft.Document.Charts.Count, note }));
        }, ct);

    /// <summary>Saves a new version; null when the dashboard does not exist. A draft edited from an older version than
    /// the current one is refused (409) so that nobody's save is silently lost.</summary>
    public Task<DashboardRecord?> UpdateAsync(long id, DashboardDraft draft, AuditActor actor, CancellationToken ct = default) =>
        SaveAsync(id, draft.Name, draft.Document, draft.BaseVersion, actor, "dashboard.update", null, ct);

    /// <summary>Saves version <paramref name="version"/>'s name and document as a new version; null when either is missing.</summary>
    public Task<DashboardRecord?> RestoreAsync(long id, long version, AuditActor actor, CancellationToken ct = default) =>
        _db.WriteAsync(actor, async (c, tx, entries) =>
        {
            var old = await c.QuerySingleOrDefaultAsync<(string Name, string Body)?>(Command(DashboardSql.VersionDocument, new { Id = id, Version = version }, tx, ct));
            if (old is not { } saved) return null;
            return await SaveInAsync(c, tx, entries, id, saved.Name, DashboardDocumentParser.ParseDocument(saved.Body), null, actor,
                "dashboard.restore", $"restored from version {version}", ct);
        }, ct);

    /// <summary>Replaces the dashboard's shares; false when it does not exist.</summary>
    public Task<bool> ShareAsync(long id, IReadOnlyList<DashboardShare> shares, AuditActor actor, CancellationToken ct = default) =>
        _db.WriteAsync(actor, async (c, tx) =>
        {
            if (await ReadAsync(c, tx, id, ct) is null) return (false, (AuditEvent?)null);
            await c.ExecuteAsync(Command(DashboardSql.DeleteShares, new { Id = id }, tx, ct));
            foreach (var s in shares)
                await c.ExecuteAsync(Command(DashboardSql.InsertShare, new { Id = id, s.Kind, s.Principal, Access = AccessWord(s.Access) }, tx, ct));
            return (true, new AuditEvent("dashboard.share", "dashboard", Key(id),
                Details: new { shares = shares.Select(s => new { s.Kind, s.Principal, access = AccessWord(s.Access) }) }));
        }, ct);

    public Task<bool> DeleteAsync(long id, AuditActor actor, CancellationToken ct = default) =>
        _db.WriteAsync(actor, async (c, tx) =>
        {
            if (await ReadAsync(c, tx, id, ct) is not { } found) return (false, (AuditEvent?)null);
            await c.ExecuteAsync(Command(DashboardSql.DeleteShares, new { Id = id }, tx, ct));
            await c.ExecuteAsync(Command(DashboardSql.DeleteVersions, new { Id = id }, tx, ct));
            await c.ExecuteAsync(Command(DashboardSql.Delete, new { Id = id }, tx, ct));
            await DashboardLineage.ReplaceAsync(c, tx, id, null, Now(), actor.Name, ct);
            return (true, new AuditEvent("dashboard.delete", "dashboard", Key(id), Details: new { name = found.Dashboard.Name, version = found.Dashboard.Version }));
        }, ct);

    public static string AccessWord(DashboardAccess access) => access == DashboardAccess.Editor ? "editor" : "viewer";

    private Task<DashboardRecord?> SaveAsync(long id, string name, DashboardDocument document, long? baseVersion, AuditActor actor,
        string action, string? note, CancellationToken ct) =>
        _db.WriteAsync(actor, (c, tx, entries) => SaveInAsync(c, tx, entries, id, name, document, baseVersion, actor, action, note, ct), ct);

    private async Task<DashboardRecord?> SaveInAsync(DbConnection c, DbTransaction tx, List<AuditEvent> entries, long id, string name,
        DashboardDocument document, long? baseVersion, AuditActor actor, string action, string? note, CancellationToken ct)
    {
        if (await ReadAsync(c, tx, id, ct) is not { } current) return null;
        var from = baseVersion ?? current.Dashboard.Version;
        var body = DashboardDocumentWriter.Write(document);
        var now = Now();
        var changed = await c.ExecuteAsync(Command(DashboardSql.Update,
            new { Id = id, Name = name, Body = body, Now = now, By = actor.Name, BaseVersion = from }, tx, ct));
        if (changed == 0)
            throw PortalException.Conflict($"Dashboard '{current.Dashboard.Name}' was saved as version {current.Dashboard.Version} " +
                $"by {current.Dashboard.UpdatedBy} after you opened version {from}; reload it and apply your change again.");
        var version = from + 1;
        await c.ExecuteAsync(Command(DashboardSql.InsertVersion, new { Id = id, Version = version, Name = name, Body = body, Now = now, By = actor.Name, Note = note }, tx, ct));
        await DashboardLineage.ReplaceAsync(c, tx, id, document, now, actor.Name, ct);
        entries.Add(new AuditEvent(action, "dashboard", Key(id), Details: new { name, version, charts = document.Charts.Count, note }));
        return (await ReadAsync(c, tx, id, ct))!.Value.Dashboard;
    }

    private static async Task<(DashboardRecord Dashboard, IReadOnlyList<DashboardShare> Shares)?> ReadAsync(DbConnection c, DbTransaction? tx, long id, CancellationToken ct)
    {
        var dashboard = await c.QuerySingleOrDefaultAsync<DashboardRecord>(Command(DashboardSql.Get, new { Id = id }, tx, ct));
        if (dashboard is null) return null;
        var shares = (await c.QueryAsync<DashboardShareRecord>(Command(DashboardSql.SharesOf, new { Id = id }, tx, ct))).Select(ToShare).ToList();
        return (dashboard, shares);
    }

    private static DashboardShare ToShare(DashboardShareRecord s) =>
        new(s.Kind, s.Principal, s.Access == "editor" ? DashboardAccess.Editor : DashboardAccess.Viewer);

    private static string Key(long id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private long Now() => clock.GetUtcNow().ToUnixTimeMilliseconds();
}
