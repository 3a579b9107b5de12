using Telco.InsightPortal.Core.Jobs;
using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.Data.Jobs;
using Telco.InsightPortal.Web.Hosting;
using Microsoft.Extensions.Options;

namespace Telco.InsightPortal.Web.Jobs;

/// <summary>
/// The demo's loop as a built-in pipeline, saved on first start (as the system) when the portal seeds demo data:
/// a new drifted batch → snapshot → retrain on the increment → evaluate against what the deployment serves →
/// register, promote to challenger and redeploy only when the new version wins by at least 0.005 ROC AUC. It has no
/// schedule (a data scientist runs it, or gives it one); the traffic simulator job feeds monitoring.
/// </summary>
public sealed class DemoJobs(JobService jobs, JobStore store, IOptions<PortalOptions> options, ILogger<DemoJobs> log)
{
    public const string Retrain = "telco-retrain";
    public const string Traffic = "telco-traffic";

    public static string RetrainPipeline(string name, string dataset, string deployment, string model) => $$$"""
        {
          "name": "{{{name}}}",
          "kind": "pipeline",
          "description": "New batch → snapshot → retrain on the increment → evaluate against the champion → register, promote and redeploy only if it wins.",
          "steps": [
            { "name": "ingest", "kind": "ingest", "parameters": { "dataset": "{{{dataset}}}", "rows": 1000, "drift": 0.4 } },
            { "name": "train", "kind": "train", "parameters": { "dataset": "{{{dataset}}}", "snapshotId": "$ingest.snapshotId", "data": "increment", "trainer": "lightgbm" } },
            { "name": "evaluate", "kind": "evaluate", "parameters": { "run": "$train.runId", "deployment": "{{{deployment}}}", "snapshotId": "$ingest.snapshotId", "minGain": 0.005 } },
            { "name": "register", "kind": "register", "parameters": { "run": "$train.runId", "model": "{{{model}}}", "description": "Retrained on the newest batch by the telco-retrain pipeline." },
              "when": { "output": "$evaluate.wins", "op": "=", "value": true } },
            { "name": "promote", "kind": "promote", "parameters": { "model": "$register.model", "version": "$register.version", "to": "challenger", "comment": "Beat the serving version on the newest batch." },
              "when": { "output": "$evaluate.wins", "op": "=", "value": true } },
            { "name": "redeploy", "kind": "redeploy", "parameters": { "deployment": "{{{deployment}}}", "version": "$register.version" },
              "when": { "output": "$evaluate.wins", "op": "=", "value": true } }
          ],
          "retry": { "maxAttempts": 2, "backoffSeconds": 30 },
          "timeoutMinutes": 60
        }
        """;

    private static string TrafficJob(string deployment) => $$"""
        {
          "name": "{{Traffic}}",
          "kind": "simulate-traffic",
          "description": "Scores generated customers against the deployment and posts delayed labels for half of them, so monitoring has something to show.",
          "parameters": { "deployment": "{{deployment}}", "rows": 2000, "ratePerSecond": 50, "labelShare": 0.5, "labelDelaySeconds": 30, "drift": 0.3 },
          "timeoutMinutes": 30
        }
        """;

    public async Task SeedAsync(CancellationToken ct)
    {
        if (!options.Value.Demo.Enabled) return;
        foreach (var text in new[] { RetrainPipeline(Retrain, "telco-churn", "telco-churn", "telco-churn"), TrafficJob("telco-churn") })
        {
            var job = JobDefinitionParser.Parse(text);
            if (await store.GetAsync(job.Name, ct) is not null) continue;
            await jobs.CreateAsync(text, AuditActor.System, ct);
            log.LogInformation("Demo job {Job} saved.", job.Name);
        }
    }
}
