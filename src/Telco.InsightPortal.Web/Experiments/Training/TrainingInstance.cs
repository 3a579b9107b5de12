using System.Security.Cryptography;

namespace Telco.InsightPortal.Web.Experiments.Training;

/// <summary>This process as the owner of the runs it trains: host/pid/nonce, new at every start, so that a restarted
/// instance (even one with the same pid, as in a container) never takes an earlier one's runs for its own.</summary>
public sealed class TrainingInstance
{
    public string Id { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}";

    public override string ToString() => Id;
}
