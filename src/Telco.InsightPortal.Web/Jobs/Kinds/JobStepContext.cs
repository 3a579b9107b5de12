using Telco.InsightPortal.Core.Jobs;
using Telco.InsightPortal.Data.Audit;

namespace Telco.InsightPortal.Web.Jobs.Kinds;

/// <summary>What a step runs with: its job, run and attempt, its resolved parameters, the actor its changes are
/// audited as (<c>job:&lt;name&gt;</c>, correlated with the run) and its log.</summary>
public sealed class JobStepContext(string job, long runId, int attempt, string step, StepParameters parameters, AuditActor actor, Action<string> log)
{
    public string Job { get; } = job;

    public long RunId { get; } = runId;

    public int Attempt { get; } = attempt;

    public string Step { get; } = step;

    public StepParameters Parameters { get; } = parameters;

    public AuditActor Actor { get; } = actor;

    /// <summary>A line in the step's log, shown live on the run's page.</summary>
    public void Log(string line) => log(line);

    /// <summary>A seed that differs per run but repeats when the same run is retried: the parameter when given.</summary>
    public int Seed => (int)(Parameters.Integer("seed") ?? RunId % int.MaxValue);

    public static AuditActor ActorFor(string job, long runId) => new("job:" + job, CorrelationId: "job-run-" + runId);
}
