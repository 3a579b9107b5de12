using Telco.InsightPortal.Core.Errors;
using Telco.InsightPortal.Core.Jobs;

namespace Telco.InsightPortal.Web.Jobs.Kinds;

/// <summary>How a kind turns a refusal of the service it drives, or a cancellation, into the step's reason.</summary>
internal static class StepFailures
{
    /// <summary>Runs <paramref name="call"/>; a <see cref="PortalException"/> (a refusal with the service's own words)
    /// becomes a <see cref="JobStepException"/> saying what was being done.</summary>
    public static async Task<T> RefusedAsync<T>(string doing, Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (PortalException e)
        {
            throw new JobStepException($"{doing}: {e.Message}", e);
        }
    }

    /// <summary>The step was cancelled; <paramref name="left"/> says what it left behind.</summary>
    public static JobStepException Cancelled(string left, OperationCanceledException e) => new($"Cancelled: {left}", e);
}
