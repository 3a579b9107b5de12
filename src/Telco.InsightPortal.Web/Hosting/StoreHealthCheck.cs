using Dapper;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Telco.InsightPortal.Data.Store;

namespace Telco.InsightPortal.Web.Hosting;

/// <summary>Healthy when the store answers a query.</summary>
public sealed class StoreHealthCheck(IConnectionFactory factory) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            await using var connection = await factory.OpenAsync(ct);
            await connection.ExecuteScalarAsync<int>(new CommandDefinition("SELECT 1", cancellationToken: ct));
            return HealthCheckResult.Healthy($"{factory.Provider} store reachable");
        }
        catch (Exception e) when (e is System.Data.Common.DbException or TimeoutException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy($"{factory.Provider} store unreachable", e);
        }
    }
}
