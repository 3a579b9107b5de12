namespace Telco.InsightPortal.Web.Training;

public sealed class TrainingOptions
{
    public const string Section = "Training";

    /// <summary>Runs trained at the same time; ML.NET trainers here are single-threaded, so one per core at most.</summary>
    public int Concurrency { get; set; } = 1;
}
