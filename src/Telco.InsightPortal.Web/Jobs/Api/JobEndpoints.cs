using System.Text;
using Telco.InsightPortal.Core.Jobs;
using Telco.InsightPortal.Http;
using Telco.InsightPortal.Web.Security;

namespace Telco.InsightPortal.Web.Jobs.Api;

/// <summary>
/// <c>/api/v1/jobs</c>: the kinds a job can run, jobs (list, create, read, change, delete) and their runs (start one
/// with overrides, list, read with steps and logs, cancel). Reading needs <c>jobs:read</c>, every change <c>jobs:write</c>.
/// </summary>
public static class JobEndpoints
{
    public static void MapJobApi(this RouteGroupBuilder v1)
    {
        var jobs = v1.MapGroup("/jobs").WithTags("Jobs");
        jobs.MapGet("/", async (JobService service, CancellationToken ct) =>
            {
                var items = new List<JobListItem>();
                foreach (var s in await service.ListAsync(ct))
                {
                    var job = JobDefinitionParser.Parse(s.Job.Body);
                    items.Add(new JobListItem(s.Job.Name, s.Job.Kind, job.Description, s.Job.Schedule, s.Job.Enabled, job.After, s.Job.Version,
                        await service.NextFireAsync(s.Job.Name, ct), s.LastRun is null ? null : JobRunBrief.Of(s.LastRun)));
                }
                return items;
            })
            .RequireAuthorization(Policies.JobsRead);
        jobs.MapGet("/kinds", () => JobKindCatalog.All).RequireAuthorization(Policies.JobsRead);
        jobs.MapPost("/", async (JobService service, HttpContext http) =>
            {
                var saved = await service.CreateAsync(await TextAsync(http), HttpAuditActor.From(http), http.RequestAborted);
                return Results.Created($"/api/v1/jobs/{saved.Name}", JobResponse.Of(saved, await service.NextFireAsync(saved.Name, http.RequestAborted)));
            })
            .RequireAuthorization(Policies.JobsWrite).Produces<JobResponse>(201).Produces(400).Produces(409).Produces(413);
        jobs.MapGet("/{name}", async (string name, JobService service, CancellationToken ct) =>
                JobResponse.Of((await service.GetAsync(name, ct)).Record, await service.NextFireAsync(name, ct)))
            .RequireAuthorization(Policies.JobsRead).Produces<JobResponse>().Produces(404);
        jobs.MapPut("/{name}", async (string name, long? version, JobService service, HttpContext http) =>
            {
                var saved = await service.UpdateAsync(name, await TextAsync(http), version, HttpAuditActor.From(http), http.RequestAborted);
                return JobResponse.Of(saved, await service.NextFireAsync(name, http.RequestAborted));
            })
            .RequireAuthorization(Policies.JobsWrite).Produces<JobResponse>().Produces(400).Produces(404).Produces(409).Produces(413);
        jobs.MapDelete("/{name}", async (string name, JobService service, HttpContext http) =>
            {
                await service.DeleteAsync(name, HttpAuditActor.From(http), http.RequestAborted);
                return Results.NoContent();
            })
            .RequireAuthorization(Policies.JobsWrite).Produces(204).Produces(404).Produces(409);
        jobs.MapPost("/{name}/runs", async (string name, JobService service, HttpContext http) =>
            {
                var id = await service.RunAsync(name, await TextAsync(http), HttpAuditActor.From(http), http.RequestAborted);
                return Results.Accepted($"/api/v1/jobs/{name}/runs/{id}", new JobRunQueued(id));
            })
            .RequireAuthorization(Policies.JobsWrite).Produces<JobRunQueued>(202).Produces(400).Produces(404).Produces(413);
        jobs.MapGet("/{name}/runs", async (string name, int? limit, long? before, JobService service, CancellationToken ct) =>
            {
                await service.GetAsync(name, ct);
                return (await service.RunsAsync(name, limit ?? 50, before, ct)).Select(JobRunBrief.Of).ToList();
            })
            .RequireAuthorization(Policies.JobsRead).Produces(404);
        jobs.MapGet("/{name}/runs/{id:long}", async (string name, long id, JobService service, CancellationToken ct) =>
            {
                var (run, steps) = await service.RunOfAsync(name, id, ct);
                return JobRunResponse.Of(run, steps);
            })
            .RequireAuthorization(Policies.JobsRead).Produces<JobRunResponse>().Produces(404);
        jobs.MapPost("/{name}/runs/{id:long}/cancel", async (string name, long id, JobService service, HttpContext http) =>
            {
                await service.CancelAsync(name, id, HttpAuditActor.From(http), http.RequestAborted);
                return Results.Accepted($"/api/v1/jobs/{name}/runs/{id}");
            })
            .RequireAuthorization(Policies.JobsWrite).Produces(202).Produces(404).Produces(409);
    }

    private static async Task<string> TextAsync(HttpContext http) =>
        Encoding.UTF8.GetString(await RequestBody.ReadAsync(http.Request, JobLimits.MaxChars, null, http.RequestAborted));
}
