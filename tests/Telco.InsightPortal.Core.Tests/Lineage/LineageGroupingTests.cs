using Telco.InsightPortal.Core.Lineage;

using static Telco.InsightPortal.Core.Lineage.LineageEdgeKinds;

namespace Telco.InsightPortal.Core.Tests.Lineage;

/// <summary>What the graph page draws of a large answer: many siblings become one counted node, what hangs only below
/// them is left out, and what the user pinned stays drawn.</summary>
public sealed class LineageGroupingTests
{
    private static readonly HashSet<string> NonePinned = [];

    /// <summary>A snapshot with <paramref name="runs"/> runs trained on it, each registered as a version of its own.</summary>
    private static (List<LineageNode> Nodes, List<LineageEdge> Edges) Fan(int runs)
    {
        var nodes = new List<LineageNode> { new("snapshot", "1", "snapshot 1"), new("dataset", "customers", "customers") { Distance = 1 } };
        var edges = new List<LineageEdge> { new("dataset", "customers", "snapshot", "1", SnapshotOf, 1, "dora") };
        for (var i = 0; i < runs; i++)
        {
            nodes.Add(new LineageNode("run", $"r{i:D5}", $"run {i:D5}") { Distance = 1 });
            nodes.Add(new LineageNode("model-version", $"churn/{i + 1}", $"churn v{i + 1}") { Distance = 2 });
            edges.Add(new LineageEdge("snapshot", "1", "run", $"r{i:D5}", TrainedOn, 10 + i, "dora"));
            edges.Add(new LineageEdge("run", $"r{i:D5}", "model-version", $"churn/{i + 1}", RegisteredAs, 20 + i, "dora"));
        }
        return (nodes, edges);
    }

    [Fact]
    public void AFewSiblingsAreDrawnEachAsThemselves()
    {
        var (nodes, edges) = Fan(25);

        var view = LineageGrouping.Group(nodes, edges, "snapshot/1", NonePinned);

        Assert.Equal(nodes.Count, view.Nodes.Count);
        Assert.Equal(edges.Count, view.Edges.Count);
        Assert.Empty(view.Groups);
        Assert.Equal(0, view.HiddenBeyondGroups);
    }

    [Fact]
    public void TenThousandRunsOfOneSnapshotAreDrawnAsOneCountedNodeAndTheirVersionsAreLeftOut()
    {
        var (nodes, edges) = Fan(10_000);

        var view = LineageGrouping.Group(nodes, edges, "snapshot/1", NonePinned);

        Assert.Equal(["dataset/customers", "run/snapshot/1|trained-on|down", "snapshot/1"], view.Nodes.Select(n => n.Key).Order(StringComparer.Ordinal));
        var group = Assert.Single(view.Groups.Values);
        Assert.Equal(("10,000 runs", 10_000L, true), (group.Node.Label, group.Node.Count, group.Node.Group));
        Assert.Equal(("snapshot/1", TrainedOn, true), (group.Anchor, group.Kind, group.Downstream));
        Assert.Equal("run 00000", group.Members[0].Label);
        Assert.Contains(view.Edges, e => e.From == "snapshot/1" && e.To == group.Node.Key && e.Kind == TrainedOn);
        Assert.Equal(10_000, view.HiddenBeyondGroups);
    }

    [Fact]
    public void APinnedSiblingStaysDrawnBesideItsGroupWithWhatHangsBelowIt()
    {
        var (nodes, edges) = Fan(100);

        var view = LineageGrouping.Group(nodes, edges, "snapshot/1", new HashSet<string> { "run/r00042" });

        Assert.Contains(view.Nodes, n => n.Key == "run/r00042");
        Assert.Contains(view.Nodes, n => n.Key == "model-version/churn/43");
        Assert.Equal("99 runs", Assert.Single(view.Groups.Values).Node.Label);
        Assert.DoesNotContain(view.Groups.Values.Single().Members, m => m.Key == "run/r00042");
    }

    [Fact]
    public void UpstreamSiblingsAreGroupedOnTheirOwnSideOfTheAnchor()
    {
        var nodes = new List<LineageNode> { new("model-version", "churn/1", "churn v1") };
        var edges = new List<LineageEdge>();
        for (var i = 0; i < 30; i++)
        {
            nodes.Add(new LineageNode("person", $"p{i}", $"p{i}") { Distance = 1 });
            edges.Add(new LineageEdge("person", $"p{i}", "model-version", "churn/1", ApprovedBy, i, $"p{i}"));
        }

        var view = LineageGrouping.Group(nodes, edges, "model-version/churn/1", NonePinned);

        var group = Assert.Single(view.Groups.Values);
        Assert.Equal(("30 people", false), (group.Node.Label, group.Downstream));
        Assert.Equal(group.Node.Key, Assert.Single(view.Edges).From);
    }

    [Fact]
    public void TheStartNodeIsNeverGroupedAway()
    {
        var (nodes, edges) = Fan(40);

        var view = LineageGrouping.Group(nodes, edges, "run/r00007", NonePinned);

        Assert.Contains(view.Nodes, n => n.Key == "run/r00007");
        Assert.Contains(view.Nodes, n => n.Key == "snapshot/1");
    }

    [Fact]
    public void ACountedGroupFromTheServerPassesThroughAsItIs()
    {
        var nodes = new List<LineageNode>
        {
            new("deployment", "churn", "churn"),
            new("prediction", "churn/*", "1,240 predictions") { Group = true, Count = 1240, Distance = 1 },
        };
        var edges = new List<LineageEdge> { new("deployment", "churn", "prediction", "churn/*", ScoredBy, null, null) };

        var view = LineageGrouping.Group(nodes, edges, "deployment/churn", NonePinned);

        Assert.Equal(nodes, view.Nodes);
        Assert.Empty(view.Groups);
    }

    [Fact]
    public void BeyondTheDrawLimitTheNearestAreDrawnAndTheRestCounted()
    {
        // 20 runs at distance 1, each with 20 versions of its own at distance 2: 421 nodes, no fan above 25 to group.
        var nodes = new List<LineageNode> { new("snapshot", "1", "snapshot 1") };
        var edges = new List<LineageEdge>();
        for (var r = 0; r < 20; r++)
        {
            nodes.Add(new LineageNode("run", $"r{r}", $"r{r}") { Distance = 1 });
            edges.Add(new LineageEdge("snapshot", "1", "run", $"r{r}", TrainedOn, r, null));
            for (var v = 0; v < 20; v++)
            {
                nodes.Add(new LineageNode("model-version", $"m{r}/{v}", $"m{r} v{v}") { Distance = 2 });
                edges.Add(new LineageEdge("run", $"r{r}", "model-version", $"m{r}/{v}", RegisteredAs, v, null));
            }
        }

        var view = LineageGrouping.Group(nodes, edges, "snapshot/1", NonePinned, threshold: 25, maxDrawn: 100);

        Assert.Equal(100, view.Nodes.Count);
        Assert.Equal(nodes.Count - 100, view.BeyondDrawLimit);
        Assert.Equal(20, view.Nodes.Count(n => n.Type == "run"));
        Assert.Empty(view.Groups);
        Assert.All(view.Edges, e => Assert.Contains(view.Nodes, n => n.Key == e.To));
    }

    [Theory]
    [InlineData("run", 1, "1 run")]
    [InlineData("prediction", 1240, "1,240 predictions")]
    [InlineData("model-version", 37, "37 model versions")]
    [InlineData("person", 2, "2 people")]
    public void GroupLabelsCountInWords(string type, long count, string label) =>
        Assert.Equal(label, LineageGrouping.Label(type, count));
}
