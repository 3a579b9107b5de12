using Polly.CircuitBreaker;
using Polly.Timeout;
using Telco.InsightPortal.Apps;
using Telco.InsightPortal.Data.Deployments;
using Telco.InsightPortal.Web.Deployments.Client;

namespace Telco.InsightPortal.Web.Apps;

/// <summary>
/// How apps reach a deployment: through <see cref="ServingClient"/> with the portal's key, always <c>/explain</c> —
/// apps score what-if rows, offer candidates and cached snapshot rows, none of which is a prediction made for a
/// customer, so none may enter the prediction log that monitoring reads. Failures become
/// <see cref="AppUnavailableException"/> in words a business user can act on.
/// </summary>
/// <remarks>The client is resolved on use: it fixes serving's address when made, which needs the portal listening.</remarks>
public sealed class AppScoring(DeploymentStore deployments, PortalKeys keys, IServiceProvider services)
{
    /// <summary>What /explain accepts in one call; the filler and pages batch under it.</summary>
    public const int MaxBatch = 1000;

    public async Task<ExplanationsReply> ExplainAsync(string deployment, IReadOnlyList<IReadOnlyDictionary<string, object?>> rows, CancellationToken ct)
    {
        var key = await KeyAsync(deployment, ct);
        return await CallAsync(deployment, () => Client.ExplainWithVersionAsync(deployment, key, rows, ct));
    }

    public async Task<ServedSchema> SchemaAsync(string deployment, CancellationToken ct)
    {
        var key = await KeyAsync(deployment, ct);
        return await CallAsync(deployment, () => Client.SchemaAsync(deployment, key, ct));
    }

    private ServingClient Client => services.GetRequiredService<ServingClient>();

    private async Task<string> KeyAsync(string deployment, CancellationToken ct)
    {
        var record = await deployments.GetAsync(deployment, ct) ?? throw new AppUnavailableException($"Deployment {deployment} no longer exists.");
        return await keys.FindAsync(record, ct)
               ?? throw new AppUnavailableException($"Deployment {deployment} has no portal key to score with; a data scientist starts or redeploys it.");
    }

    private static async Task<T> CallAsync<T>(string deployment, Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (ServingCallException e) when (e.Status == 503)
        {
            throw new AppUnavailableException($"Deployment {deployment} is stopped: scores cannot be updated until it is started again.", e);
        }
        catch (ServingCallException e)
        {
            throw new AppUnavailableException($"Deployment {deployment} refused the request ({e.Status}): {e.Message}", e);
        }
        catch (Exception e) when (e is TimeoutRejectedException or TaskCanceledException or TimeoutException)
        {
            throw new AppUnavailableException($"Deployment {deployment} did not answer in time; it may be overloaded. Try again in a moment.", e);
        }
        catch (Exception e) when (e is HttpRequestException or BrokenCircuitException)
        {
            throw new AppUnavailableException($"Deployment {deployment} cannot be reached: {e.Message}", e);
        }
    }
}
