using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace Telco.InsightPortal.Web.Deployments.Client;

public static class ServingClientHosting
{
    /// <summary>
    /// The typed <see cref="ServingClient"/> behind the standard resilience pipeline (rate limiter, total and per-attempt
    /// timeouts, retries, circuit breaker). Retries differ by method:
    /// <list type="bullet">
    /// <item>GET (schema) retries on transient failures, as the standard handler does: reading is safe to repeat.</item>
    /// <item>POST (invocations, explain) retries only when the connection failed before the server saw the request.
    /// Once the server produced a response (a 5xx, a 429) or an attempt timed out, the request may have been scored,
    /// and scoring logs every prediction with a fresh uuid: a retry would log the rows twice and skew request counts,
    /// latency and the monitoring built on the log. The same answer is not worth a double entry, so the error goes to
    /// the user, who can retry knowingly.</item>
    /// </list>
    /// </summary>
    public static IServiceCollection AddServingClient(this IServiceCollection services)
    {
        services.AddSingleton<ServingAddress>();
        services.AddHttpClient<ServingClient>((sp, http) => http.BaseAddress = sp.GetRequiredService<ServingAddress>().Resolve())
            .AddStandardResilienceHandler(o =>
            {
                o.AttemptTimeout.Timeout = TimeSpan.FromSeconds(10);
                o.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(30);
                o.Retry.MaxRetryAttempts = 2;
                o.Retry.ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Context.GetRequestMessage()?.Method, args.Outcome));
            });
        return services;
    }

    public static bool ShouldRetry(HttpMethod? method, Outcome<HttpResponseMessage> outcome) =>
        method == HttpMethod.Get
            ? HttpClientResiliencePredicates.IsTransient(outcome)
            : outcome.Exception is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError };
}
