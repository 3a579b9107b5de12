using System.Diagnostics;
using Telco.InsightPortal.Core.Errors;
using Telco.InsightPortal.Http;
using Telco.InsightPortal.Serving.Deployments;
using Telco.InsightPortal.Serving.Keys;
using Telco.InsightPortal.Serving.Logging;
using Microsoft.Extensions.Options;

namespace Telco.InsightPortal.Serving.Scoring;

/// <summary>The per-deployment scoring endpoints under <c>/serving/{deployment}</c>.</summary>
public static class ScoringEndpoints
{
    public const string KeyPolicy = "serving:key";

    public static void MapScoringEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/serving/{deployment}").WithTags("Serving").WithGroupName(ServingHosting.OpenApiDocument)
            .DisableAntiforgery();
        // No Accepts() metadata: it would make routing answer other content types with a bare 415 before the handler
        // can say what is accepted.
        group.MapPost("/invocations", InvokeAsync).RequireAuthorization(KeyPolicy)
            .Produces(200).Produces(400).Produces(401).Produces(403).Produces(404).Produces(413).Produces(415).Produces(503);
        group.MapPost("/explain", ExplainAsync).RequireAuthorization(KeyPolicy)
            .Produces(200).Produces(400).Produces(401).Produces(403).Produces(404).Produces(503);
        group.MapGet("/schema", Schema).RequireAuthorization(KeyPolicy)
            .Produces<ServingSchema>(200).Produces(401).Produces(403).Produces(404).Produces(503);
        // Probes carry no key and learn only whether the deployment is served here.
        group.MapGet("/ping", Ping).AllowAnonymous();
        group.MapGet("/health", Health).AllowAnonymous();
    }

    private static async Task<IResult> InvokeAsync(string deployment, HttpContext http, ServingRegistry registry, PredictionLog log, IOptions<ServingOptions> options)
    {
        var started = Stopwatch.GetTimestamp();
        var live = Authorised(deployment, http, registry, out var refusal);
        if (live is null)
        {
            // Another deployment's key: the refusal counts against this deployment's error rate.
            if (registry.Find(deployment) is { } refused) log.Offer(ScoredRequest.Refused(refused.Record.Id, Now()));
            return Count(Known(deployment, registry), "invocations", refusal!);
        }
        var target = live.Route();
        var version = target.Version;
        ScoringRows input;
        try
        {
            input = await ReadRowsAsync(http, version.Inputs, options.Value);
        }
        catch (PortalException e)
        {
            log.Offer(ScoredRequest.Refused(live.Record.Id, Now()));
            return Count(deployment, "invocations", ScoringResponses.Refusal(e), e.Status);
        }
        var rows = input.Rows;
        var probabilities = version.Score(rows);
        var threshold = target.Threshold ?? options.Value.Threshold;
        var labels = new int[probabilities.Length];
        var uuids = new Guid[probabilities.Length];
        for (var i = 0; i < probabilities.Length; i++)
        {
            labels[i] = probabilities[i] >= threshold ? 1 : 0;
            uuids[i] = Guid.CreateVersion7();
        }
        var elapsed = Stopwatch.GetElapsedTime(started);
        if (log.Enabled)
            log.Offer(ScoredRequest.Scored(live.Record.Id, version.Label, version.Inputs.Features, rows, probabilities, labels, uuids, Now(), elapsed.TotalMilliseconds,
                input.Ids.EntityIds(rows.Count)));
        ServingMetrics.Latency.WithLabels(deployment).Observe(elapsed.TotalSeconds);
        ServingMetrics.Rows.WithLabels(deployment, version.Label).Inc(rows.Count);
        ServingMetrics.Requests.WithLabels(deployment, "invocations", "200").Inc();
        await ScoringResponses.PredictionsAsync(http.Response, uuids, probabilities, labels, version.Label, input.Ids);
        return Results.Empty;
    }

    private static async Task<IResult> ExplainAsync(string deployment, HttpContext http, ServingRegistry registry, IOptions<ServingOptions> options)
    {
        var live = Authorised(deployment, http, registry, out var refusal);
        if (live is null) return Count(Known(deployment, registry), "explain", refusal!);
        var version = live.Route().Version;
        try
        {
            var rows = (await ReadRowsAsync(http, version.Inputs, options.Value)).Rows;
            if (!version.Scorer.CanExplain)
                throw new BadRequest($"Model {version.Label} cannot break its scores down by feature (forest models cannot); use a logistic, fasttree or lightgbm model.");
            var explanations = version.Scorer.ExplainRows(rows);
            ServingMetrics.Requests.WithLabels(deployment, "explain", "200").Inc();
            await ScoringResponses.ExplanationsAsync(http.Response, explanations, version.Label);
            return Results.Empty;
        }
        catch (PortalException e)
        {
            return Count(deployment, "explain", ScoringResponses.Refusal(e), e.Status);
        }
    }

    private static IResult Schema(string deployment, HttpContext http, ServingRegistry registry) =>
        Authorised(deployment, http, registry, out var refusal) is { } live ? Results.Json(ServingSchema.Of(live)) : refusal!;

    private static IResult Ping(string deployment, ServingRegistry registry) => registry.Find(deployment) switch
    {
        null => ScoringResponses.Error(404, $"Deployment '{deployment}' is not served here.", ErrorCodes.NotFound),
        { Stopped: true } => ScoringResponses.Stopped(deployment),
        _ => Results.Text("\n"),
    };

    /// <summary>What this process serves for the deployment; 503 while it is stopped, so probes take it out too.</summary>
    private static IResult Health(string deployment, ServingRegistry registry, PredictionLog log) =>
        registry.Find(deployment) is not { } live
            ? ScoringResponses.Error(404, $"Deployment '{deployment}' is not served here.", ErrorCodes.NotFound)
            : Results.Json(new
            {
                status = live.Stopped ? "stopped" : registry.Problem(deployment) is null ? "serving" : "degraded",
                problem = registry.Problem(deployment),
                revision = live.Record.Revision,
                enginesPerProcess = live.Record.EnginesPerProcess,
                targets = live.Targets.Select(t => new { modelVersion = t.Version.Label, weight = t.Weight }),
                predictionLog = new { enabled = log.Enabled, queued = log.Queued, dropped = log.Dropped },
            }, statusCode: live.Stopped ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK);

    /// <summary>The live deployment when the caller's key belongs to it and it is not stopped; otherwise the refusal:
    /// 404 for a deployment not served here, 403 for another deployment's key, 503 while it is stopped. A missing or
    /// bad key never gets this far (401).</summary>
    private static LiveDeployment? Authorised(string deployment, HttpContext http, ServingRegistry registry, out IResult? refusal)
    {
        refusal = null;
        var live = registry.Find(deployment);
        if (live is null)
        {
            refusal = ScoringResponses.Error(404, $"No deployment named '{deployment}' is served here.", ErrorCodes.NotFound);
            return null;
        }
        if (http.User.FindFirst(DeploymentKeyHandler.DeploymentClaim)?.Value != deployment)
        {
            refusal = ScoringResponses.Error(403, $"This access key belongs to another deployment, not '{deployment}'.", ErrorCodes.PermissionDenied);
            return null;
        }
        if (live.Stopped)
        {
            refusal = ScoringResponses.Stopped(deployment);
            return null;
        }
        return live;
    }

    private static async Task<ScoringRows> ReadRowsAsync(HttpContext http, InputSchema inputs, ServingOptions options)
    {
        var type = http.Request.ContentType ?? "";
        var csv = type.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase);
        if (!csv && !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
            throw new BadRequest($"Content type '{(type.Length == 0 ? "(none)" : type)}' is not accepted; send application/json or text/csv.",
                ErrorKind.UnsupportedMediaType);
        var body = await RequestBody.ReadAsync(http.Request, options.MaxBodyBytes, "send fewer rows per request", http.RequestAborted);
        return csv ? CsvPayload.Read(body, inputs, options.MaxRows) : JsonPayload.Read(body, inputs, options.MaxRows);
    }

    private static IResult Count(string deployment, string endpoint, IResult result, int? status = null)
    {
        var code = status ?? (result as IStatusCodeHttpResult)?.StatusCode ?? 400;
        ServingMetrics.Requests.WithLabels(deployment, endpoint, code.ToString(System.Globalization.CultureInfo.InvariantCulture)).Inc();
        return result;
    }

    /// <summary>Metric label for a deployment: unknown names share one label, so callers cannot grow the series.</summary>
    private static string Known(string deployment, ServingRegistry registry) => registry.Find(deployment) is null ? "(unknown)" : deployment;

    private static long Now() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
}
