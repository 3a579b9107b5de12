using Microsoft.Extensions.DependencyInjection;
using Telco.InsightPortal.Core.Jobs;
using Telco.InsightPortal.Data.Deployments;
using Telco.InsightPortal.Data.Registry;
using Telco.InsightPortal.Data.Tracking;
using Telco.InsightPortal.Web.Jobs.Kinds;

namespace Telco.InsightPortal.Web.Tests.Jobs.Kinds;

/// <summary>The kinds chained as a parsed pipeline chains them: each step's parameters resolved from the earlier steps'
/// outputs, so the outputs' names and types must be the catalog's.</summary>
[Collection(nameof(KindsPortalCollection))]
public sealed class PipelineOfKindsTests(KindsPortal portal)
{
    private const string Retrain = """
        {"name": "retrain", "kind": "pipeline", "steps": [
          {"kind": "ingest", "parameters": {"dataset": "pipe-churn", "rows": 400, "drift": 0.5, "seed": 11}},
          {"kind": "train", "parameters": {"dataset": "pipe-churn", "snapshotId": "$ingest.snapshotId", "trainer": "logistic"}},
          {"kind": "evaluate", "parameters": {"run": "$train.runId", "deployment": "pipe-churn", "snapshotId": "$train.snapshotId", "minGain": -1}},
          {"kind": "register", "parameters": {"run": "$train.runId", "model": "pipe-churn"}, "when": {"output": "$evaluate.wins", "op": "=", "value": true}},
          {"kind": "promote", "parameters": {"model": "pipe-churn", "version": "$register.version", "to": "challenger"}},
          {"name": "gate", "kind": "promote", "parameters": {"model": "pipe-churn", "version": "$register.version", "to": "champion"}},
          {"kind": "redeploy", "parameters": {"deployment": "pipe-churn", "alias": "challenger"}},
          {"kind": "simulate-traffic", "parameters": {"deployment": "pipe-churn", "rows": 50, "ratePerSecond": 500, "labelShare": 0.2, "labelDelaySeconds": 0}}
        ]}
        """;

    [Fact]
    public async Task IngestTrainEvaluateRegisterPromoteRedeployAndTrafficChainThroughTheirOutputs()
    {
        await portal.GenerateAsync("pipe-churn", 300);
        await portal.DeployAsync("pipe-churn", "pipe-churn", await portal.RegisterAsync("pipe-churn", await portal.TrainOnAsync("pipe-churn")));

        var outputs = await RunAsync(JobDefinitionParser.Parse(Retrain), runId: 77);

        var served = Assert.Single((await portal.Get<DeploymentStore>().GetStateAsync("pipe-churn", Ct))!.Targets);
        var version = await portal.Get<RegistryStore>().GetVersionAsync("pipe-churn", 2, Ct);
        var run = await portal.Get<TrackingStore>().GetRunAsync((string)outputs["train"]["runId"]!, Ct);
        Assert.Equal(400L, outputs["ingest"]["rows"]);
        Assert.Equal(outputs["ingest"]["snapshotId"], outputs["train"]["snapshotId"]);
        Assert.Equal(400L, outputs["evaluate"]["rows"]);
        Assert.Equal(2L, outputs["register"]["version"]);
        Assert.Equal(true, outputs["promote"]["applied"]);
        Assert.Equal(false, outputs["gate"]["applied"]);
        Assert.IsType<long>(outputs["gate"]["requestId"]);
        Assert.Equal(2L, outputs["redeploy"]["version"]);
        Assert.Equal("2", served.Version);
        Assert.Equal(50L, outputs["simulate-traffic"]["sent"]);
        Assert.Equal(10L, outputs["simulate-traffic"]["labelled"]);
        Assert.Contains(new RegistryTag("job", "retrain"), version.Tags);
        Assert.Contains(new RegistryTag("job_run_id", "77"), version.Tags);
        Assert.Contains(new TrackingTag("job_run_id", "77"), run.Tags);
        Assert.Equal(version.RunId, run.Info.RunId);
    }

    /// <summary>The steps in order, each skipped when its condition does not hold, as the runner runs them.</summary>
    private async Task<Dictionary<string, IReadOnlyDictionary<string, object?>>> RunAsync(JobDefinition job, long runId)
    {
        var outputs = new Dictionary<string, IReadOnlyDictionary<string, object?>>();
        var kinds = portal.Portal.Services.GetServices<IJobKind>().ToDictionary(k => k.Name);
        foreach (var step in job.Steps)
        {
            if (step.When is { } when) Assert.True(when.Evaluate(outputs).Holds, $"Step {step.Name} would be skipped.");
            var context = new JobStepContext(job.Name, runId, 1, step.Name, new StepParameters(step, outputs), JobStepContext.ActorFor(job.Name, runId), _ => { });
            outputs[step.Name] = await kinds[step.Kind].RunAsync(context, Ct);
        }
        return outputs;
    }

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;
}
