using System.Data.Common;
using Telco.InsightPortal.Core.Errors;
using Telco.InsightPortal.Data.Deployments;
using Telco.InsightPortal.Data.Monitoring;

namespace Telco.InsightPortal.Web.Monitoring;

/// <summary>
/// Every <see cref="MonitoringOptions.RollupSeconds"/>: rolls up each deployment's newly closed hours of its prediction
/// log (<see cref="MonitoringService.RollUpAsync"/>: the log's figures and the input counts against the training
/// snapshot), a week of backlog per deployment per pass, so metrics and drift read stored hours instead of the log. Each portal instance runs one; on a shared
/// PostgreSQL store an hour is saved by whichever marks it first.
/// </summary>
public sealed class MonitoringRollupService(DeploymentStore deployments, MonitoringService monitoring, MonitoringOptions options, TimeProvider clock,
    ILogger<MonitoringRollupService> log) : BackgroundService
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
                log.LogWarning(e, "Monitoring roll-up failed; it runs again in {Seconds} s.", options.RollupSeconds);
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
                saved += (await monitoring.RollUpAsync(deployment.Name, ct: ct)).Total;
            }
            catch (PortalException e) when (e.Kind == ErrorKind.NotFound)
            {
                // Deleted since the list was read.
            }
        }
        if (saved > 0) log.LogInformation("Monitoring roll-up saved {Hours} closed hours.", saved);
        return saved;
    }
}
