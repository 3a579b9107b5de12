using System.Text.Json;
using Telco.InsightPortal.Core.Errors;
using Telco.InsightPortal.Data.Lineage;
using Telco.InsightPortal.Web.Security;

namespace Telco.InsightPortal.Web.Lineage.Api;

/// <summary>
/// <c>GET /api/v1/openlineage/events?after=&amp;limit=</c> (<c>lineage:read</c>): the OpenLineage 2-0-2 run events the
/// portal wrote, oldest first, as <c>{"events":[…],"next":id}</c>; pass <c>next</c> as <c>after</c> for the page after.
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
    }
}

/// <summary>A page of events as they were written; <c>next</c> is null when the page is empty.</summary>
public sealed record OpenLineageEventsResponse(IReadOnlyList<JsonElement> Events, long? Next);
