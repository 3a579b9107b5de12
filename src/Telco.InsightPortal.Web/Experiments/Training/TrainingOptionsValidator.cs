using Microsoft.Extensions.Options;

namespace Telco.InsightPortal.Web.Experiments.Training;

/// <summary>Checks the <c>Training</c> settings at start-up; each problem names its setting.</summary>
internal sealed class TrainingOptionsValidator : IValidateOptions<TrainingOptions>
{
    public ValidateOptionsResult Validate(string? name, TrainingOptions o)
    {
        var problems = new List<string>();
        if (o.Concurrency is < 1 or > 16) problems.Add($"Training:Concurrency must be 1..16; got {o.Concurrency}.");
        if (o.PollInterval < TimeSpan.FromMilliseconds(50) || o.PollInterval > TimeSpan.FromMinutes(1))
            problems.Add($"Training:PollInterval must be between 00:00:00.05 and 00:01:00; got {o.PollInterval}.");
        if (o.HeartbeatInterval < TimeSpan.FromMilliseconds(100) || o.HeartbeatInterval > TimeSpan.FromMinutes(10))
            problems.Add($"Training:HeartbeatInterval must be between 00:00:00.1 and 00:10:00; got {o.HeartbeatInterval}.");
        if (o.LeaseDuration < 2 * o.HeartbeatInterval || o.LeaseDuration > TimeSpan.FromHours(1))
            problems.Add("Training:LeaseDuration must be at least twice Training:HeartbeatInterval "
                         + $"({2 * o.HeartbeatInterval}) and at most 01:00:00; got {o.LeaseDuration}.");
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
