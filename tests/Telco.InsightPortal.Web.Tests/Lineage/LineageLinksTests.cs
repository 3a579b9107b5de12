using Telco.InsightPortal.Core.Lineage;
using Telco.InsightPortal.Web.Lineage;

namespace Telco.InsightPortal.Web.Tests.Lineage;

/// <summary>The side panel's link to a node's audit entries: the trail's own target types, every value escaped.</summary>
public sealed class LineageLinksTests
{
    [Theory]
    [InlineData("deployment", "telco churn", null, "/audit?targetType=deployment&targetId=telco%20churn")]
    [InlineData("model-version", "churn/3", null, "/audit?targetType=model_version&targetId=churn%2F3")]
    [InlineData("run", "abc123", null, "/audit?targetType=run&targetId=abc123")]
    [InlineData("snapshot", "7", "telco-churn", "/audit?targetType=dataset&targetId=telco-churn&action=snapshot.commit")]
    [InlineData("job-run", "12", null, "/audit?targetType=job-run&targetId=12")]
    [InlineData("person", "dora&x=1", null, "/audit?actor=dora%26x%3D1")]
    public void ANodeLinksToItsEntriesInTheTrail(string type, string id, string? dataset, string expected) =>
        Assert.Equal(expected, LineageLinks.AuditOf(new LineageNode(type, id, id), dataset));

    [Theory]
    [InlineData("snapshot", "7")]
    [InlineData("source-file", "ab12")]
    [InlineData("prediction", "0193")]
    [InlineData("chart", "4/2")]
    public void NodesTheTrailHasNoTargetForHaveNoLink(string type, string id) =>
        Assert.Null(LineageLinks.AuditOf(new LineageNode(type, id, id)));

    [Fact]
    public void AGroupHasNoLink() =>
        Assert.Null(LineageLinks.AuditOf(new LineageNode("run", "g", "37 runs") { Group = true }));
}
