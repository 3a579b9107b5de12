using System.Data.Common;
using Telco.InsightPortal.Core.Errors;
using Telco.InsightPortal.Data.Deployments;
using Telco.InsightPortal.Data.Monitoring;

namespace Telco.InsightPortal.Web.Monitoring;

/// <summary>
/// Every <see cref="MonitoringOptions.RollupSeconds"/>: counts each deployment's newly closed hours of logged inputs
/// into the drift-count table (<see cref="MonitoringService.RollUpAsync"/>), a week of backlog per deployment per
/// pass, so drift reports sum stored counts instead of parsing the log. Each portal instance runs one; on a shared
/// PostgreSQL store an hour is saved by whichever marks it first.
/// </summary>
public sealed class DriftRollupService(DeploymentStore deployments, MonitoringService monitoring, MonitoringOptions options, TimeProvider clock,
    ILogger<DriftRollupService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.RollupSeconds), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RollUpAllAsync(stoppingToken);
            }
            catch (Exception e) when (e is DbException or TimeoutException)
            {
                log.LogWarning(e, "Drift roll-up failed; it runs again in {Seconds} s.", options.RollupSeconds);
            }
        }
    }

    /// <summary>One pass over every deployment; returns how many hours it saved.</summary>
    public async Task<int> RollUpAllAsync(CancellationToken ct = default)
    {
        var saved = 0;
        foreach (var deployment in await deployments.ListAsync(ct))
        {
            try
            {
                saved += await monitoring.RollUpAsync(deployment.Name, ct: ct);
            }
            catch (PortalException e) when (e.Kind == ErrorKind.NotFound)
            {
                // Deleted since the list was read.
            }
        }
        if (saved > 0) log.LogInformation("Drift roll-up counted {Hours} closed hours.", saved);
        return saved;
    }
}
