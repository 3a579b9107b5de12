using Telco.InsightPortal.Core.Jobs;

namespace Telco.InsightPortal.Core.Tests.Jobs;

public sealed class StepConditionTests
{
    private static readonly Dictionary<string, IReadOnlyDictionary<string, object?>> Outputs = new()
    {
        ["evaluate"] = new Dictionary<string, object?> { ["gain"] = 0.012, ["wins"] = true, ["rows"] = 400L },
    };

    [Theory]
    [InlineData("gain", ">=", 0.005, true)]
    [InlineData("gain", "<", 0.005, false)]
    [InlineData("rows", ">", 399.0, true)]
    [InlineData("rows", "=", 400.0, true)]
    [InlineData("rows", "!=", 400.0, false)]
    public void NumbersCompareAsNumbers(string output, string op, double value, bool holds) =>
        Assert.Equal(holds, new StepCondition(new OutputRef("evaluate", output), op, value).Evaluate(Outputs).Holds);

    [Fact]
    public void TheReasonSaysWhatWasCompared()
    {
        var (holds, because) = new StepCondition(new OutputRef("evaluate", "wins"), "=", true).Evaluate(Outputs);

        Assert.True(holds);
        Assert.Equal("$evaluate.wins is true, so $evaluate.wins = true holds.", because);
    }

    [Fact]
    public void AMissingOutputDoesNotHold()
    {
        var (holds, because) = new StepCondition(new OutputRef("register", "version"), ">", 0.0).Evaluate(Outputs);

        Assert.False(holds);
        Assert.Contains("has no value", because);
    }

    [Fact]
    public void BackOffDoublesFromTheSecondAttemptAndStopsAtAnHour()
    {
        var retry = new RetryPolicy(10, TimeSpan.FromSeconds(30));

        Assert.Equal([30, 60, 120, 240], Enumerable.Range(2, 4).Select(n => retry.DelayBefore(n).TotalSeconds));
        Assert.Equal(3600, retry.DelayBefore(10).TotalSeconds);
    }

    [Fact]
    public void StepParametersResolveReferencesAndSayWhichIsMissing()
    {
        var job = JobDefinitionParser.Parse(JobDefinitionParserTests.Pipeline);
        var outputs = new Dictionary<string, IReadOnlyDictionary<string, object?>>
        {
            ["ingest"] = new Dictionary<string, object?> { ["snapshotId"] = 7L },
        };

        var train = new StepParameters(job.Steps[1], outputs);

        Assert.Equal(7L, train.Integer("snapshotId"));
        Assert.Equal(60L, train.Integer("budgetSeconds"));
        var e = Assert.Throws<JobStepException>(() => new StepParameters(job.Steps[2], outputs));
        Assert.Contains("$train.runId has no value", e.Message);
    }
}
