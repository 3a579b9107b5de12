using Telco.InsightPortal.Core.Errors;
using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.Data.Monitoring;
using Telco.InsightPortal.Data.Store;
using static Telco.InsightPortal.Data.Tests.Monitoring.MonitoredDeployment;

namespace Telco.InsightPortal.Data.Tests.Monitoring;

/// <summary>Alerts (migration 0017): one unresolved alert per deployment, kind and feature; acknowledge and resolve;
/// each change audited in its transaction; and the check that raises them from drift.</summary>
public sealed class AlertStoreTests
{
    private static readonly AuditActor Dora = new("dora");

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task ARepeatedFindingUpdatesTheOpenAlertInsteadOfRaisingAnother(StoreProvider provider)
    {
        await using var d = await CreateAsync(provider, logged: 0);

        var first = await d.Alerts.RaiseAsync(Drift("tenure", "warn", 0.15), AuditActor.System);
        var again = await d.Alerts.RaiseAsync(Drift("tenure", "alert", 0.4), AuditActor.System);
        var same = await d.Alerts.RaiseAsync(Drift("tenure", "alert", 0.5), AuditActor.System);
        var other = await d.Alerts.RaiseAsync(Drift("Contract", "warn", 0.12), AuditActor.System);
        var page = await d.Alerts.ListAsync(new AlertQuery(Deployment: Name));

        Assert.Equal(first.Id, again.Id);
        Assert.Equal(first.Id, same.Id);
        Assert.NotEqual(first.Id, other.Id);
        Assert.Equal(("alert", 0.5), (same.Severity, same.Value));
        Assert.Equal(2, page.Alerts.Count);
        Assert.Equal(["monitoring.alert.raise", "monitoring.alert.update", "monitoring.alert.raise"], await ActionsAsync(d));
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task AcknowledgeThenResolveAreAuditedAndAResolvedAlertLetsANewOneOpen(StoreProvider provider)
    {
        await using var d = await CreateAsync(provider, logged: 0);
        var alert = await d.Alerts.RaiseAsync(Drift("tenure", "alert", 0.4), AuditActor.System);

        var acknowledged = await d.Alerts.AcknowledgeAsync(alert.Id, Dora);
        var twice = await Assert.ThrowsAsync<PortalException>(() => d.Alerts.AcknowledgeAsync(alert.Id, Dora));
        var resolved = await d.Alerts.ResolveAsync(alert.Id, Dora);
        var again = await Assert.ThrowsAsync<PortalException>(() => d.Alerts.ResolveAsync(alert.Id, Dora));
        var missing = await Assert.ThrowsAsync<PortalException>(() => d.Alerts.ResolveAsync(999_999, Dora));
        var reopened = await d.Alerts.RaiseAsync(Drift("tenure", "warn", 0.2), AuditActor.System);

        Assert.Equal((AlertStatus.Acknowledged, "dora"), (acknowledged.Status, acknowledged.AcknowledgedBy));
        Assert.Equal((AlertStatus.Resolved, "dora"), (resolved.Status, resolved.ResolvedBy));
        Assert.Equal(ErrorKind.Conflict, twice.Kind);
        Assert.Equal(ErrorKind.Conflict, again.Kind);
        Assert.Equal(ErrorKind.NotFound, missing.Kind);
        Assert.NotEqual(alert.Id, reopened.Id);
        Assert.Equal(["monitoring.alert.raise", "monitoring.alert.acknowledge", "monitoring.alert.resolve", "monitoring.alert.raise"], await ActionsAsync(d));
        var open = await d.Alerts.ListAsync(new AlertQuery(Status: AlertStatus.Open));
        Assert.Equal([reopened.Id], open.Alerts.Select(a => a.Id));
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    public async Task ListsPageNewestFirstAndRefuseUnknownStatuses(StoreProvider provider)
    {
        await using var d = await CreateAsync(provider, logged: 0);
        foreach (var feature in new[] { "a", "b", "c", "d", "e" }) await d.Alerts.RaiseAsync(Drift(feature, "warn", 0.2), AuditActor.System);

        var first = await d.Alerts.ListAsync(new AlertQuery(Limit: 2));
        var second = await d.Alerts.ListAsync(new AlertQuery(Limit: 2, BeforeId: first.NextBeforeId));
        var last = await d.Alerts.ListAsync(new AlertQuery(Limit: 2, BeforeId: second.NextBeforeId));
        var bad = await Assert.ThrowsAsync<PortalException>(() => d.Alerts.ListAsync(new AlertQuery(Status: "closed")));

        Assert.Equal(["e", "d"], first.Alerts.Select(a => a.Feature));
        Assert.Equal(["c", "b"], second.Alerts.Select(a => a.Feature));
        Assert.Equal(["a"], last.Alerts.Select(a => a.Feature));
        Assert.Null(last.NextBeforeId);
        Assert.Contains("'closed'", bad.Message);
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task TheCheckRaisesDriftAlertsForTheShiftedFeaturesOnlyAndAnErrorRateAlert(StoreProvider provider)
    {
        await using var d = await CreateAsync(provider);

        var check = await d.Service.CheckAsync(Name, Start, Start.AddHours(2));
        var rerun = await d.Service.CheckAsync(Name, Start, Start.AddHours(2));

        var drift = check.Alerts.Where(a => a.Kind == AlertKinds.Drift).Select(a => a.Feature).Order().ToList();
        Assert.Equal(["Contract", "tenure"], drift);
        Assert.Contains(check.Alerts, a => a.Kind == AlertKinds.ErrorRate && a.Value == 0.1);
        Assert.DoesNotContain(check.Alerts, a => a.Kind == AlertKinds.EstimatedAuc);
        Assert.NotNull(check.Estimated?.RocAuc);
        Assert.Equal(check.Alerts.Select(a => a.Id).Order(), rerun.Alerts.Select(a => a.Id).Order());
        Assert.Equal(3, (await d.Alerts.ListAsync(new AlertQuery(Deployment: Name))).Alerts.Count);
    }

    private static NewAlert Drift(string feature, string severity, double psi) =>
        new(Name, AlertKinds.Drift, feature, severity, $"{feature} drifted", psi, severity == "alert" ? 0.25 : 0.1);

    private static async Task<List<string>> ActionsAsync(MonitoredDeployment d) =>
        [.. (await new AuditLog(d.Store.Store.Factory).PageAsync(new AuditQuery { TargetType = "alert" }, new AuditPaging(50))).Select(e => e.Action)];
}
