namespace Telco.InsightPortal.Web.Experiments.Training;

public sealed class TrainingOptions
{
    public const string Section = "Training";

    /// <summary>Runs trained at the same time; ML.NET trainers here are single-threaded, so one per core at most.</summary>
    public int Concurrency { get; set; } = 1;

    /// <summary>How often an instance with a free slot looks for queued runs (a run submitted to this instance wakes it
    /// at once), and how soon a cancel sent to another instance reaches the one training the run.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often an instance renews the leases of the runs it trains and fails runs whose lease has expired.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a run stays an instance's without a renewal: a dead instance's run is failed this long after its
    /// last renewal (and at most one heartbeat of another instance later). Several heartbeats long, so that a late
    /// renewal (a writer waiting behind a long ingest, a pause) never fails a live run.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(60);
}
