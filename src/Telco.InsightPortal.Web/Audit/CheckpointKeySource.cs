using Telco.InsightPortal.Core.Audit;
using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.Web.Security;

namespace Telco.InsightPortal.Web.Audit;

/// <summary>Where the checkpoint key comes from: configuration, or outside Production a generated key
/// kept in the data folder so that restarts keep verifying the checkpoints already written.</summary>
public static class CheckpointKeySource
{
    public const string KeyFileName = "audit-checkpoint.key";

    /// <summary>The start-up error for a configuration that cannot give a key, or null.</summary>
    public static string? Problem(string? configured, bool production)
    {
        if (string.IsNullOrWhiteSpace(configured))
            return production
                ? "Audit:CheckpointKey is not set. Production needs a key to sign audit checkpoints, kept outside the store: " +
                  "generate one with `openssl rand -base64 32` and set it as the environment variable Audit__CheckpointKey."
                : null;
        try
        {
            CheckpointKey.FromBase64(configured);
            return null;
        }
        catch (FormatException e)
        {
            return $"Audit:CheckpointKey is unusable: {e.Message} Generate one with `openssl rand -base64 32`.";
        }
    }

    public static CheckpointKey Resolve(string? configured, bool production, string dataDir, ILogger log)
    {
        if (Problem(configured, production) is { } problem) throw new InvalidOperationException(problem);
        if (!string.IsNullOrWhiteSpace(configured)) return CheckpointKey.FromBase64(configured);
        // Outside Production: the same create-once, owner-only key file as the portal's other secrets.
        var bytes = SecretFile.LoadOrCreate(null, "Audit:CheckpointKey", Path.Combine(dataDir, KeyFileName), CheckpointKey.MinimumBytes, log);
        return new CheckpointKey(bytes);
    }
}
