using System.Data.Common;
using Dapper;
using Telco.InsightPortal.Core.Errors;
using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.Data.Store;

namespace Telco.InsightPortal.Data.Monitoring;

public static class AlertStatus
{
    public const string Open = "open";
    public const string Acknowledged = "acknowledged";
    public const string Resolved = "resolved";

    public static readonly IReadOnlyList<string> All = [Open, Acknowledged, Resolved];
}

public static class AlertKinds
{
    public const string Drift = "drift";
    public const string EstimatedAuc = "estimated-auc";
    public const string ErrorRate = "error-rate";

    /// <summary>Raised by hand from an impact report: the deployment serves a model built on a snapshot reported bad.
    /// The feature is the snapshot (<c>snapshot/{id}</c>), so each deployment has one unresolved alert per snapshot.</summary>
    public const string SnapshotImpact = "snapshot-impact";
}

/// <summary>A monitoring alert (migration 0017). Times are ms since the epoch.</summary>
public sealed record AlertRecord
{
    public long Id { get; init; }
    public string Deployment { get; init; } = "";
    public string Kind { get; init; } = "";
    public string? Feature { get; init; }
    public string Severity { get; init; } = "";
    public string Message { get; init; } = "";
    public double? Value { get; init; }
    public double? Threshold { get; init; }
    public long OpenedAt { get; init; }
    public long UpdatedAt { get; init; }
    public string Status { get; init; } = AlertStatus.Open;
    public string? AcknowledgedBy { get; init; }
    public long? AcknowledgedAt { get; init; }
    public string? ResolvedBy { get; init; }
    public long? ResolvedAt { get; init; }
}

/// <summary>What a check found: severity is "warn" or "alert".</summary>
public sealed record NewAlert(string Deployment, string Kind, string? Feature, string Severity, string Message, double? Value, double? Threshold);

/// <summary>A page of alerts, newest first, filtered by status and deployment; <see cref="BeforeId"/> continues below
/// the previous page's last alert.</summary>
public sealed record AlertQuery(string? Status = null, string? Deployment = null, long? BeforeId = null, int Limit = 50);

public sealed record AlertPage(IReadOnlyList<AlertRecord> Alerts, long? NextBeforeId);

/// <summary>
/// Alerts: raised by checks (deduplicated: one unresolved alert per deployment, kind and feature, whose value a new
/// finding updates), listed, acknowledged and resolved. Raising, a change of severity, acknowledging and resolving are
/// each audited in the transaction that makes them; a new measurement of the same severity only updates the value.
/// </summary>
public sealed class AlertStore(IConnectionFactory factory, IAuditTrail audit, TimeProvider clock)
{
    public const int MaxPageSize = 200;

    private const string Columns = """
        id AS Id, deployment AS Deployment, kind AS Kind, feature AS Feature, severity AS Severity, message AS Message, value AS Value,
        threshold AS Threshold, opened_at AS OpenedAt, updated_at AS UpdatedAt, status AS Status, acknowledged_by AS AcknowledgedBy,
        acknowledged_at AS AcknowledgedAt, resolved_by AS ResolvedBy, resolved_at AS ResolvedAt
        """;

    private const string Unresolved = "SELECT " + Columns + """
         FROM monitoring_alerts WHERE deployment = @Deployment AND kind = @Kind AND COALESCE(feature, '') = @FeatureKey AND status <> 'resolved'
        """;

    private const string UnresolvedOfKind = "SELECT " + Columns + """
         FROM monitoring_alerts WHERE kind = @Kind AND COALESCE(feature, '') = @FeatureKey AND status <> 'resolved' ORDER BY id
        """;

    private const string ById = "SELECT " + Columns + " FROM monitoring_alerts WHERE id = @Id";

    private const string Insert = """
        INSERT INTO monitoring_alerts (deployment, kind, feature, severity, message, value, threshold, opened_at, updated_at, status)
        VALUES (@Deployment, @Kind, @Feature, @Severity, @Message, @Value, @Threshold, @Now, @Now, 'open')
        RETURNING id
        """;

    private const string Update = """
        UPDATE monitoring_alerts SET severity = @Severity, message = @Message, value = @Value, threshold = @Threshold, updated_at = @Now WHERE id = @Id
        """;

    private const string Acknowledge = """
        UPDATE monitoring_alerts SET status = 'acknowledged', acknowledged_by = @By, acknowledged_at = @Now, updated_at = @Now
        WHERE id = @Id AND status = 'open'
        """;

    private const string Resolve = """
        UPDATE monitoring_alerts SET status = 'resolved', resolved_by = @By, resolved_at = @Now, updated_at = @Now
        WHERE id = @Id AND status <> 'resolved'
        """;

    private const string Page = "SELECT " + Columns + """
         FROM monitoring_alerts
        WHERE (CAST(@Status AS TEXT) IS NULL OR status = @Status) AND (CAST(@Deployment AS TEXT) IS NULL OR deployment = @Deployment) AND id < @Before
        ORDER BY id DESC LIMIT @Limit
        """;

    private readonly StoreSession _db = new(factory, audit);

    private long Now => clock.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>Opens an alert, or updates the unresolved one for the same deployment, kind and feature.</summary>
    public Task<AlertRecord> RaiseAsync(NewAlert alert, AuditActor actor, CancellationToken ct = default)
    {
        if (alert.Severity is not ("warn" or "alert")) throw new ArgumentException($"Severity must be warn or alert (got '{alert.Severity}').", nameof(alert));
        return _db.WriteAsync(actor, async (c, tx) =>
        {
            var now = Now;
            var existing = await c.QuerySingleOrDefaultAsync<AlertRecord>(Command(Unresolved, new { alert.Deployment, alert.Kind, FeatureKey = alert.Feature ?? "" }, tx, ct));
            if (existing is null)
            {
                var id = await c.ExecuteScalarAsync<long>(Command(Insert, new { alert.Deployment, alert.Kind, alert.Feature, alert.Severity, alert.Message, alert.Value, alert.Threshold, Now = now }, tx, ct));
                var raised = await GetAsync(c, tx, id, ct);
                return (raised, new AuditEvent("monitoring.alert.raise", "alert", id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    Details: new { alert.Deployment, alert.Kind, alert.Feature, alert.Severity, alert.Value, alert.Threshold }));
            }

            await c.ExecuteAsync(Command(Update, new { existing.Id, alert.Severity, alert.Message, alert.Value, alert.Threshold, Now = now }, tx, ct));
            var updated = await GetAsync(c, tx, existing.Id, ct);
            var entry = existing.Severity == alert.Severity ? null
                : new AuditEvent("monitoring.alert.update", "alert", existing.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    Details: new { alert.Deployment, alert.Kind, alert.Feature, from = existing.Severity, to = alert.Severity, alert.Value });
            return (updated, entry);
        }, ct);
    }

    /// <summary>The unresolved alerts of one kind and feature, whatever their deployment.</summary>
    public async Task<IReadOnlyList<AlertRecord>> UnresolvedAsync(string kind, string? feature, CancellationToken ct = default)
    {
        await using var c = await factory.OpenAsync(ct);
        return (await c.QueryAsync<AlertRecord>(Command(UnresolvedOfKind, new { Kind = kind, FeatureKey = feature ?? "" }, null, ct))).AsList();
    }

    public async Task<AlertRecord?> GetAsync(long id, CancellationToken ct = default)
    {
        await using var c = await factory.OpenAsync(ct);
        return await c.QuerySingleOrDefaultAsync<AlertRecord>(Command(ById, new { Id = id }, null, ct));
    }

    /// <exception cref="PortalException">Invalid for an unknown status or a page size outside 1 … 200.</exception>
    public async Task<AlertPage> ListAsync(AlertQuery query, CancellationToken ct = default)
    {
        if (query.Status is { } s && !AlertStatus.All.Contains(s))
            throw PortalException.Invalid($"Invalid status '{s}': use {string.Join(", ", AlertStatus.All)}.");
        if (query.Limit is < 1 or > MaxPageSize) throw PortalException.Invalid($"Invalid limit {query.Limit}: use 1 … {MaxPageSize}.");
        await using var c = await factory.OpenAsync(ct);
        var rows = (await c.QueryAsync<AlertRecord>(Command(Page, new
        {
            query.Status, query.Deployment, Before = query.BeforeId ?? long.MaxValue, Limit = query.Limit + 1,
        }, null, ct))).AsList();
        return rows.Count > query.Limit ? new AlertPage(rows[..query.Limit], rows[query.Limit - 1].Id) : new AlertPage(rows, null);
    }

    /// <exception cref="PortalException">NotFound for an unknown id; Conflict when the alert is not open.</exception>
    public Task<AlertRecord> AcknowledgeAsync(long id, AuditActor actor, CancellationToken ct = default) =>
        ChangeAsync(id, Acknowledge, "monitoring.alert.acknowledge", "only an open alert can be acknowledged", actor, ct);

    /// <exception cref="PortalException">NotFound for an unknown id; Conflict when the alert is already resolved.</exception>
    public Task<AlertRecord> ResolveAsync(long id, AuditActor actor, CancellationToken ct = default) =>
        ChangeAsync(id, Resolve, "monitoring.alert.resolve", "it is already resolved", actor, ct);

    private Task<AlertRecord> ChangeAsync(long id, string sql, string action, string refusal, AuditActor actor, CancellationToken ct) =>
        _db.WriteAsync(actor, async (c, tx) =>
        {
            var before = await GetAsync(c, tx, id, ct);
            if (await c.ExecuteAsync(Command(sql, new { Id = id, By = actor.Name, Now }, tx, ct)) == 0)
                throw PortalException.Conflict($"Alert {id} is {before.Status}: {refusal}.");
            var after = await GetAsync(c, tx, id, ct);
            return (after, new AuditEvent(action, "alert", id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Details: new { before.Deployment, before.Kind, before.Feature, from = before.Status, to = after.Status }));
        }, ct);

    private static async Task<AlertRecord> GetAsync(DbConnection c, DbTransaction tx, long id, CancellationToken ct) =>
        await c.QuerySingleOrDefaultAsync<AlertRecord>(Command(ById, new { Id = id }, tx, ct))
        ?? throw PortalException.NotFound($"Alert {id} does not exist.");

    private static CommandDefinition Command(string sql, object parameters, DbTransaction? tx, CancellationToken ct) => new(sql, parameters, tx, cancellationToken: ct);
}
