using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Telco.InsightPortal.Core.Data.Generators;
using Telco.InsightPortal.Core.Data.Ingestion;
using Telco.InsightPortal.Core.Data;
using Telco.InsightPortal.Core.Errors;
using Telco.InsightPortal.Data.Datasets;
using Telco.InsightPortal.Web.Audit;
using Telco.InsightPortal.Web.Security;

namespace Telco.InsightPortal.Web.Datasets.Api;

public static class DatasetEndpoints
{
    public static RouteGroupBuilder MapDatasetApi(this RouteGroupBuilder api)
    {
        var datasets = api.MapGroup("/datasets").WithTags("Datasets");
        datasets.MapGet("/", ListAsync).RequireAuthorization(Policies.DataRead);
        datasets.MapGet("/{name}", GetAsync).RequireAuthorization(Policies.DataRead);
        datasets.MapGet("/{name}/snapshots", SnapshotsAsync).RequireAuthorization(Policies.DataRead);
        datasets.MapGet("/{name}/snapshots/{id:long}/rows", RowsAsync).RequireAuthorization(Policies.DataRead);
        datasets.MapPost("/{name}/snapshots", UploadAsync).RequireAuthorization(Policies.DataWrite)
            .DisableAntiforgery()
            // Not .Accepts(): its matcher answers a wrong content type with a bare 415; the handler says why.
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                operation.RequestBody = new Microsoft.OpenApi.OpenApiRequestBody
                {
                    Required = true,
                    Description = "RFC 4180 CSV with a header line, UTF-8.",
                    Content = new Dictionary<string, Microsoft.OpenApi.OpenApiMediaType> { ["text/csv"] = new() },
                };
                return Task.CompletedTask;
            });
        datasets.MapPost("/{name}/generate", GenerateAsync).RequireAuthorization(Policies.DataWrite).DisableAntiforgery();
        return api;
    }

    private static async Task<Ok<List<DatasetDto>>> ListAsync(DatasetStore store, CancellationToken ct) =>
        TypedResults.Ok((await store.ListAsync(ct)).Select(DatasetDto.From).ToList());

    private static async Task<Ok<DatasetDto>> GetAsync(string name, DatasetStore store, CancellationToken ct) =>
        TypedResults.Ok(DatasetDto.From(await RequireAsync(store, name, ct)));

    private static async Task<Ok<List<SnapshotDto>>> SnapshotsAsync(string name, DatasetStore store, CancellationToken ct)
    {
        var d = await RequireAsync(store, name, ct);
        return TypedResults.Ok((await store.SnapshotsAsync(d.Id, ct)).Select(s => SnapshotDto.From(s, d.Name)).ToList());
    }

    private static async Task<Ok<RowsDto>> RowsAsync(string name, long id, DatasetStore store, CancellationToken ct, long offset = 0, int limit = 100)
    {
        if (offset < 0 || limit is < 1 or > DatasetStore.MaxPageSize)
            throw PortalException.Invalid($"offset must be >= 0 and limit 1..{DatasetStore.MaxPageSize}.");
        var d = await RequireAsync(store, name, ct);
        var s = await store.SnapshotAsync(d.Id, id, ct) ?? throw PortalException.NotFound($"Dataset '{name}' has no snapshot {id}.");
        var page = await store.PageAsync(d, s, offset, limit, ct: ct);
        return TypedResults.Ok(new RowsDto(s.Id, offset, limit, page.Total, d.Schema.Columns.Select(c => c.Name).ToList(),
            page.Rows.Select(r => r[1..]).ToList()));
    }

    private static async Task<IResult> UploadAsync(string name, HttpContext http, DatasetIngestService ingest, IAuditActorAccessor actor,
        CancellationToken ct, string mode = "append", string onError = "reject")
    {
        if (!Enum.TryParse<IngestMode>(mode, ignoreCase: true, out var ingestMode) || int.TryParse(mode, out _))
            throw PortalException.Invalid($"mode must be 'append' or 'replace'; got '{mode}'.");
        if (!Enum.TryParse<OnRowError>(onError, ignoreCase: true, out var onRowError) || int.TryParse(onError, out _))
            throw PortalException.Invalid($"onError must be 'reject' or 'skip'; got '{onError}'.");
        var contentType = http.Request.ContentType ?? "";
        if (!contentType.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase))
            throw new PortalException(ErrorKind.UnsupportedMediaType, $"The body must be text/csv; got '{contentType}'.");
        if (http.Request.ContentLength > ingest.MaxUploadBytes) throw new UploadTooLargeException(ingest.MaxUploadBytes);
        // The spooler enforces the configured limit itself, with a clear message; Kestrel's default would cut at 30 MB.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = null;

        await using (var upload = await ingest.SpoolAsync(http.Request.Body, null, ct))
        {
            var result = await ingest.IngestAsync(name, upload, new IngestOptions
            {
                Mode = ingestMode, OnError = onRowError, Actor = (await actor.GetCurrentAsync()).ToWho(), Source = "api",
            }, ct);
            return ToHttp(result, name);
        }
    }

    private static async Task<IResult> GenerateAsync(string name, GenerateRequestDto body, IAuditActorAccessor actor, DatasetIngestService ingest,
        DatasetStore store, CancellationToken ct)
    {
        var existing = await store.GetAsync(name, ct);
        var generator = body.Generator ?? existing?.Generator;
        if (generator is null) throw PortalException.Invalid("Name a generator: 'telco-churn' or 'cell-towers'.");
        var request = new GeneratorRequest(body.Rows, body.Seed, body.Drift);
        try
        {
            request.Validate();
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw PortalException.Invalid(e.Message);
        }
        var result = await ingest.GenerateAsync(name, generator, request, (await actor.GetCurrentAsync()).ToWho(), ct);
        return ToHttp(result, name);
    }

    private static IResult ToHttp(IngestResult result, string name) => result.Failure switch
    {
        IngestFailure.None => TypedResults.Created($"/api/v1/datasets/{Uri.EscapeDataString(name)}/snapshots/{result.Snapshot!.Id}",
            SnapshotDto.From(result.Snapshot, name)),
        IngestFailure.Duplicate => throw IngestError.From(result, ErrorKind.Conflict),
        IngestFailure.NotFound => throw IngestError.From(result, ErrorKind.NotFound),
        _ => throw IngestError.From(result, ErrorKind.Invalid),
    };

    private static async Task<Dataset> RequireAsync(DatasetStore store, string name, CancellationToken ct) =>
        await store.GetAsync(name, ct) ?? throw PortalException.NotFound($"No dataset named '{name}'.");
}
