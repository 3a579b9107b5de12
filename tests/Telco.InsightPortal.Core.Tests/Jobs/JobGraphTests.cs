using Telco.InsightPortal.Core.Jobs;

namespace Telco.InsightPortal.Core.Tests.Jobs;

public sealed class JobGraphTests
{
    private static IReadOnlyDictionary<string, IReadOnlyList<string>> Graph(params (string Job, string[] After)[] jobs) =>
        jobs.ToDictionary(j => j.Job, j => (IReadOnlyList<string>)j.After);

    [Fact]
    public void ADiamondHasNoCycleAndQueuesEachDependentOnce()
    {
        var graph = Graph(("ingest", []), ("train-a", ["ingest"]), ("train-b", ["ingest"]), ("compare", ["train-a", "train-b"]));

        Assert.Null(JobGraph.FindCycle(graph));
        Assert.Equal(["train-a", "train-b"], JobGraph.Dependents("ingest", graph));
        Assert.Equal(["compare"], JobGraph.Dependents("train-b", graph));
        Assert.Empty(JobGraph.Dependents("compare", graph));
    }

    [Fact]
    public void ACycleIsNamedFromItsFirstJobBackToIt()
    {
        var graph = Graph(("a", ["c"]), ("b", ["a"]), ("c", ["b"]), ("d", []));

        Assert.Equal(["a", "c", "b", "a"], JobGraph.FindCycle(graph));
    }

    [Fact]
    public void ALongChainIsWalkedWithoutTrouble()
    {
        var graph = Enumerable.Range(0, 2_000).ToDictionary(i => $"j{i}", i => (IReadOnlyList<string>)(i == 0 ? [] : [$"j{i - 1}"]));

        Assert.Null(JobGraph.FindCycle(graph));
    }
}
