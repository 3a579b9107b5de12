namespace Telco.InsightPortal.Core.Jobs;

public enum JobValueType { Text, Integer, Number, Boolean }

/// <summary>
/// One parameter a job kind takes: its type and range, whether it is required, its default and — for text with a
/// fixed vocabulary — the words it accepts. The catalog's parameters are what a definition is checked against when it
/// is saved and what a manual run's overrides are checked against when it is queued.
/// </summary>
public sealed record JobParameter(string Name, JobValueType Type, string Description, bool Required = false, object? Default = null,
    double? Min = null, double? Max = null, IReadOnlyList<string>? Choices = null, int MaxLength = JobLimits.MaxText);

/// <summary>An output a step of this kind leaves for later steps: <c>$train.runId</c> names output <c>runId</c> of step <c>train</c>.</summary>
public sealed record JobOutput(string Name, JobValueType Type, string Description);

/// <summary>A job kind as the catalog describes it, without its implementation (which needs the portal's services).</summary>
public sealed record JobKindSpec(string Name, string Title, string Description, IReadOnlyList<JobParameter> Parameters, IReadOnlyList<JobOutput> Outputs)
{
    public JobParameter? Parameter(string name) => Parameters.FirstOrDefault(p => p.Name == name);

    public JobOutput? Output(string name) => Outputs.FirstOrDefault(o => o.Name == name);
}
