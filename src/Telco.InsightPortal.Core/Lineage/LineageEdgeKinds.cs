namespace Telco.InsightPortal.Core.Lineage;

/// <summary>
/// The relations between nodes. Every edge points downstream, from what came first to what was made from it or
/// depends on it, so "upstream" follows edges backwards and "impact" follows them forwards:
/// <list type="bullet">
/// <item>source-file —ingested-from→ snapshot (the snapshot's rows were read from the file)</item>
/// <item>dataset —snapshot-of→ snapshot, and parent snapshot —snapshot-of→ child snapshot for an append (the child
/// holds the parent's rows; a replace does not, so it has no such edge)</item>
/// <item>snapshot —trained-on→ run</item>
/// <item>run —registered-as→ model-version (the run's model zip became the version)</item>
/// <item>job-run —produced→ snapshot | run | model-version (what a job run's steps made, from their outputs)</item>
/// <item>person —approved-by→ model-version (the person decided an approval request for it)</item>
/// <item>model-version —deployed-as→ deployment (one edge per version ever served; the edge's time is the first
/// generation that served it)</item>
/// <item>deployment —bound-to→ app</item>
/// <item>snapshot | dataset | deployment | run —reads→ chart, chart —reads→ dashboard</item>
/// <item>person —triggered-by→ job-run, job-run —triggered-by→ job-run (a run started by an upstream run)</item>
/// <item>deployment —scored-by→ prediction and model-version —scored-by→ prediction: never stored, derived from the
/// prediction log, which can hold millions of rows</item>
/// </list>
/// </summary>
public static class LineageEdgeKinds
{
    public const string IngestedFrom = "ingested-from";
    public const string SnapshotOf = "snapshot-of";
    public const string TrainedOn = "trained-on";
    public const string Produced = "produced";
    public const string RegisteredAs = "registered-as";
    public const string ApprovedBy = "approved-by";
    public const string DeployedAs = "deployed-as";
    public const string BoundTo = "bound-to";
    public const string Reads = "reads";
    public const string TriggeredBy = "triggered-by";
    public const string ScoredBy = "scored-by";

    public static readonly IReadOnlyList<string> All =
        [IngestedFrom, SnapshotOf, TrainedOn, Produced, RegisteredAs, ApprovedBy, DeployedAs, BoundTo, Reads, TriggeredBy, ScoredBy];
}
