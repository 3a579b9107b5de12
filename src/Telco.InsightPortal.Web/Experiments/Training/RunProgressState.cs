using Telco.InsightPortal.Ml;

namespace Telco.InsightPortal.Web.Experiments.Training;

/// <summary>Where an embedded run is, as last reported: its status, the trainer's stage and overall fraction, the
/// sweep trial just scored out of those planned, and when training started (for the elapsed time).</summary>
public sealed record RunProgressState(string RunId, string Status, TrainingStage Stage, double Fraction, string Message, int? Trial,
    int? TrialsPlanned, DateTimeOffset StartedAt)
{
    public bool IsActive => Status is "RUNNING" or "SCHEDULED";

    public TimeSpan Elapsed(DateTimeOffset now) => now - StartedAt;
}
