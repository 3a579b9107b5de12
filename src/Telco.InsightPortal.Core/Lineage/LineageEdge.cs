namespace Telco.InsightPortal.Core.Lineage;

/// <summary>One recorded relation, pointing downstream (see <see cref="LineageEdgeKinds"/>), with when it was made (Unix
/// milliseconds; null for an edge derived when asked, such as a deployment's counted predictions) and by whom (a user name; null when the portal itself did it or the fact predates the record).</summary>
public sealed record LineageEdge(string FromType, string FromId, string ToType, string ToId, string Kind, long? At, string? Actor)
{
    public string From => LineageIds.Key(FromType, FromId);

    public string To => LineageIds.Key(ToType, ToId);
}
