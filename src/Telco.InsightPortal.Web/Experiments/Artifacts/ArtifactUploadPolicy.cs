using Telco.InsightPortal.Data.Tracking;
using Telco.InsightPortal.Web.Experiments.Training;

namespace Telco.InsightPortal.Web.Experiments.Artifacts;

/// <summary>
/// Who may write where in a run's artifact directory. Runs of MLflow clients: anything, overwrites included, as
/// MLflow allows. Runs of the embedded trainer: nothing while it is scheduled or training (the directory is the
/// trainer's until the run ends), and afterwards only new files. What the trainer wrote is never overwritten, so
/// the SHA-256 it recorded (the <c>artifact.&lt;name&gt;.sha256</c> tags, which model loading checks) stays true.
/// </summary>
internal static class ArtifactUploadPolicy
{
    public static void Check(Run run, string relative, string target)
    {
        if (!run.Tags.Any(t => t.Key == TrainingQueue.RunnerTag && t.Value == TrainingQueue.EmbeddedRunner)) return;
        if (run.Info.Status is "SCHEDULED" or "RUNNING")
            throw TrackingException.InvalidState($"Run {run.Info.RunId} is being trained by the portal; its artifacts can be added to once it has ended.");
        if (File.Exists(target) || run.Tags.Any(t => t.Key == $"artifact.{relative}.sha256"))
            throw TrackingException.InvalidState($"Artifact '{relative}' of run {run.Info.RunId} was written by the portal's trainer and is never overwritten; upload it under another name.");
    }
}
