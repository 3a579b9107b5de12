using System.Data.Common;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Telco.InsightPortal.Data.Lineage;

namespace Telco.InsightPortal.Web.Lineage;

/// <summary>
/// Posts the OpenLineage outbox to <see cref="OpenLineageSenderOptions.Endpoint"/>, one event per request in the order
/// they were written. Each portal instance runs one, and the one holding the outbox's lease sends. An event is marked
/// sent only after a 2xx; an unreachable endpoint, a timeout, a 5xx, 408 or 429 leave it at the head of the queue to be
/// tried again after a doubling wait, so nothing is lost and nothing overtakes it. Any other 4xx means the endpoint will
/// never take that event: it is set aside with the answer, and the queue goes on.
/// </summary>
public sealed class OpenLineageSender(OpenLineageDelivery outbox, IHttpClientFactory clients, OpenLineageSenderOptions options,
    TimeProvider clock, ILogger<OpenLineageSender> log) : BackgroundService
{
    public const string ClientName = "openlineage";

    // Long enough to outlive a slow pass, short enough that another instance takes over soon after this one dies.
    private static readonly TimeSpan LeaseTime = TimeSpan.FromMinutes(2);

    private readonly string _owner = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Endpoint is null) return;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.IntervalSeconds), clock);
        try
        {
            do
            {
                try
                {
                    await SendDueAsync(stoppingToken);
                }
                catch (Exception e) when (e is DbException or TimeoutException)
                {
                    log.LogWarning(e, "OpenLineage delivery could not read the outbox; it tries again in {Seconds} s.", options.IntervalSeconds);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        finally
        {
            await ReleaseAsync();
        }
    }

    /// <summary>One pass: while this instance holds the lease, sends due events until the queue is empty, one fails
    /// (it waits, and so do the ones behind it) or the batch is done. Returns how many were delivered.</summary>
    public async Task<int> SendDueAsync(CancellationToken ct = default)
    {
        if (options.Endpoint is not { } endpoint) return 0;
        var now = clock.GetUtcNow();
        if (!await outbox.TryLeaseAsync(_owner, now.ToUnixTimeMilliseconds(), (now + LeaseTime).ToUnixTimeMilliseconds(), ct)) return 0;
        var delivered = 0;
        foreach (var e in await outbox.PendingAsync(options.BatchSize, ct))
        {
            if (e.NextAttemptAt > clock.GetUtcNow().ToUnixTimeMilliseconds()) break;
            var outcome = await PostAsync(endpoint, e.Body, ct);
            var at = clock.GetUtcNow();
            if (outcome.Delivered)
            {
                await outbox.MarkSentAsync(e.Id, at.ToUnixTimeMilliseconds(), ct);
                delivered++;
                continue;
            }
            if (outcome.Refused)
            {
                log.LogError("OpenLineage endpoint refused event {Id} for good ({Error}); it is set aside, the rest go on.", e.Id, outcome.Error);
                await outbox.MarkRejectedAsync(e.Id, outcome.Error, at.ToUnixTimeMilliseconds(), ct);
                continue;
            }
            var wait = options.Backoff(e.Attempts);
            log.LogWarning("OpenLineage delivery of event {Id} failed ({Error}); trying again in {Wait}.", e.Id, outcome.Error, wait);
            await outbox.MarkFailedAsync(e.Id, outcome.Error, (at + wait).ToUnixTimeMilliseconds(), ct);
            break;
        }
        return delivered;
    }

    // Lets another instance take over at once instead of after the lease runs out; if the store is already gone, the
    // lease simply expires.
    private async Task ReleaseAsync()
    {
        try
        {
            await outbox.ReleaseAsync(_owner, CancellationToken.None);
        }
        catch (Exception e) when (e is DbException or ObjectDisposedException or InvalidOperationException)
        {
            log.LogDebug(e, "OpenLineage lease not released; it expires by itself.");
        }
    }

    private async Task<PostOutcome> PostAsync(Uri endpoint, string body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (!string.IsNullOrEmpty(options.ApiKey)) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.ApiKey);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(options.TimeoutSeconds));
        try
        {
            using var response = await clients.CreateClient(ClientName).SendAsync(request, timeout.Token);
            if (response.IsSuccessStatusCode) return new(true, false, "");
            var answer = await response.Content.ReadAsStringAsync(timeout.Token);
            var error = $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}: {answer}".TrimEnd(' ', ':');
            var code = (int)response.StatusCode;
            return new(false, code is >= 400 and < 500 && response.StatusCode is not (HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests), error);
        }
        catch (HttpRequestException e)
        {
            return new(false, false, e.Message);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new(false, false, $"no answer within {options.TimeoutSeconds} s");
        }
    }

    private sealed record PostOutcome(bool Delivered, bool Refused, string Error);
}
