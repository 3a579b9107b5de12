using System.Text.Json;
using Telco.InsightPortal.Core.Errors;
using Telco.InsightPortal.Data.Lineage;
using Telco.InsightPortal.Web.Security;

namespace Telco.InsightPortal.Web.Lineage.Api;

/// <summary>
/// <c>GET /api/v1/openlineage/events?after=&amp;limit=</c> (<c>lineage:read</c>): the OpenLineage 2-0-2 run events the
/// portal wrote, oldest first, as <c>{"events":[…],"next":id}</c>; pass <c>next</c> as <c>after</c> for the page after.
/// <c>GET /api/v1/openlineage/delivery</c>: how far posting them to the configured endpoint has got.
/// </summary>
public static class OpenLineageEndpoints
{
    public static void MapOpenLineageApi(this RouteGroupBuilder v1)
    {
        v1.MapGet("/openlineage/events", async (long? after, int? limit, OpenLineageOutbox outbox, HttpContext http) =>
            {
                if (after < 0) throw PortalException.Invalid($"after must be an event id, 0 or more; got {after}.");
                if (limit is < 1 or > OpenLineageOutbox.MaxPage)
                    throw PortalException.Invalid($"limit must be 1..{OpenLineageOutbox.MaxPage}; got {limit}.");
                var events = await outbox.ListAsync(after ?? 0, limit ?? 100, http.RequestAborted);
                return new OpenLineageEventsResponse(
                    [.. events.Select(e => JsonDocument.Parse(e.Body).RootElement.Clone())], events.Count > 0 ? events[^1].Id : null);
            })
            .RequireAuthorization(Policies.LineageRead).WithTags("Lineage").Produces<OpenLineageEventsResponse>().Produces(400);
        v1.MapGet("/openlineage/delivery", async (OpenLineageDelivery delivery, OpenLineageSenderOptions options, HttpContext http) =>
                OpenLineageDeliveryResponse.Of(options, await delivery.StatusAsync(http.RequestAborted)))
            .RequireAuthorization(Policies.LineageRead).WithTags("Lineage").Produces<OpenLineageDeliveryResponse>();
    }
}

/// <summary>A page of events as they were written; <c>next</c> is null when the page is empty.</summary>
public sealed record OpenLineageEventsResponse(IReadOnlyList<JsonElement> Events, long? Next);

/// <summary>Delivery to the configured endpoint: its address without credentials (null when none is configured), the
/// counts, and the failing head of the queue when there is one (its error, attempts and next try).</summary>
public sealed record OpenLineageDeliveryResponse(string? Endpoint, long Sent, long Pending, long Rejected,
    DateTimeOffset? OldestPending, DateTimeOffset? LastSent, long? HeadId, long? HeadAttempts, string? HeadError, DateTimeOffset? NextAttempt)
{
    public static OpenLineageDeliveryResponse Of(OpenLineageSenderOptions options, OutboxStatus s) => new(
        options.Endpoint is { } e ? $"{e.Scheme}://{e.Authority}{e.AbsolutePath}" : null, s.Sent, s.Pending, s.Rejected, Time(s.OldestPendingAt), Time(s.LastSentAt),
        s.Head?.Id, s.Head?.Attempts, s.Head?.LastError, Time(s.Head?.NextAttemptAt));

    private static DateTimeOffset? Time(long? ms) => ms is { } v ? DateTimeOffset.FromUnixTimeMilliseconds(v) : null;
}
