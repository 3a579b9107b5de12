namespace Telco.InsightPortal.Core.Monitoring;

/// <summary>Request and error rates of a window. <see cref="ErrorRate"/> is the share of requests that failed, null
/// when there was no request.</summary>
public sealed record TrafficRates(long Requests, long Errors, TimeSpan Window, double RequestsPerSecond, double ErrorsPerSecond, double? ErrorRate)
{
    public static TrafficRates From(long requests, long errors, TimeSpan window)
    {
        if (window <= TimeSpan.Zero)
        {
            throw new ArgumentException($"The window must be longer than zero (got {window}).", nameof(window));
        }

        if (requests < 0 || errors < 0 || errors > requests)
        {
            throw new ArgumentException($"Counts need 0 ≤ errors ≤ requests (got {errors} errors of {requests}).", nameof(errors));
        }

        var seconds = window.TotalSeconds;
        return new TrafficRates(requests, errors, window, requests / seconds, errors / seconds, requests > 0 ? (double)errors / requests : null);
    }
}
