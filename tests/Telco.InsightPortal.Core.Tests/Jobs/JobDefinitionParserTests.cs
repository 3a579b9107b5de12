using Telco.InsightPortal.Core.Jobs;

namespace Telco.InsightPortal.Core.Tests.Jobs;

public sealed class JobDefinitionParserTests
{
    /// <summary>The demo's loop: new batch → retrain on the increment → compare → register, promote, redeploy if it wins.</summary>
    internal const string Pipeline = """
        {"name":"telco-retrain","kind":"pipeline","description":"The demo loop","schedule":"0 3 * * *",
         "steps":[
          {"name":"ingest","kind":"ingest","parameters":{"dataset":"telco-churn","rows":1000,"drift":0.3}},
          {"name":"train","kind":"train","parameters":{"dataset":"telco-churn","snapshotId":"$ingest.snapshotId","data":"increment","trainer":"logistic"}},
          {"name":"evaluate","kind":"evaluate","parameters":{"run":"$train.runId","deployment":"telco-churn","snapshotId":"$ingest.snapshotId"}},
          {"name":"register","kind":"register","parameters":{"run":"$train.runId","model":"telco-churn"},"when":{"output":"$evaluate.wins","op":"=","value":true}},
          {"name":"promote","kind":"promote","parameters":{"model":"$register.model","version":"$register.version","to":"challenger"},"when":{"output":"$evaluate.gain","op":">=","value":0.005}},
          {"name":"redeploy","kind":"redeploy","parameters":{"deployment":"telco-churn","version":"$register.version"},"when":{"output":"$promote.applied","op":"=","value":true}}
         ],
         "retry":{"maxAttempts":3,"backoffSeconds":10},"timeoutMinutes":90}
        """;

    [Fact]
    public void ThePipelineIsReadWithItsStepsReferencesConditionsAndSchedule()
    {
        var job = JobDefinitionParser.Parse(Pipeline);

        Assert.Equal("telco-retrain", job.Name);
        Assert.True(job.IsPipeline);
        Assert.Equal("0 0 3 * * ?", job.Schedule);
        Assert.Equal(["ingest", "train", "evaluate", "register", "promote", "redeploy"], job.Steps.Select(s => s.Name));
        Assert.Equal(new OutputRef("ingest", "snapshotId"), job.Steps[1].Parameters["snapshotId"]);
        Assert.Equal(1000L, job.Steps[0].Parameters["rows"]);
        Assert.Equal(0.3, job.Steps[0].Parameters["drift"]);
        Assert.Equal(">=", job.Steps[4].When!.Op);
        Assert.Equal(new RetryPolicy(3, TimeSpan.FromSeconds(10)), job.Retry);
        Assert.Equal(TimeSpan.FromMinutes(90), job.Timeout);
        Assert.True(job.Enabled);
    }

    [Fact]
    public void ARuleThatRetrainsOnDriftOrAFallingEstimateIsAScheduledPipeline()
    {
        var job = JobDefinitionParser.Parse("""
            {"name":"retrain-on-drift","kind":"pipeline","schedule":"0 * * * *","steps":[
              {"name":"check","kind":"check-drift","parameters":{"deployment":"telco-churn","windowHours":6}},
              {"name":"train","kind":"train","parameters":{"dataset":"telco-churn"},"when":{"output":"$check.estimatedAuc","op":"<","value":0.75}}]}
            """);

        var (holds, because) = job.Steps[1].When!.Evaluate(new Dictionary<string, IReadOnlyDictionary<string, object?>>
        {
            ["check"] = new Dictionary<string, object?> { ["verdict"] = "alert", ["estimatedAuc"] = 0.71 },
        });

        Assert.True(holds, because);
        Assert.Equal("0 0 * * * ?", job.Schedule);
    }

    [Fact]
    public void WrittenDefinitionsReadBackTheSame()
    {
        var written = JobDefinitionWriter.Write(JobDefinitionParser.Parse(Pipeline));

        Assert.Equal(written, JobDefinitionWriter.Write(JobDefinitionParser.Parse(written)));
        Assert.Contains("\"snapshotId\":\"$ingest.snapshotId\"", written);
    }

    [Fact]
    public void AJobOfOneKindHasOneStepNamedAfterItAndDefaultsForWhatIsLeftOut()
    {
        var job = JobDefinitionParser.Parse("""{"name":"nightly-batch","kind":"ingest","parameters":{"dataset":"telco-churn"}}""");

        var step = Assert.Single(job.Steps);
        Assert.Equal(("ingest", "ingest"), (step.Name, step.Kind));
        Assert.Equal(RetryPolicy.None, job.Retry);
        Assert.Null(job.Schedule);
        var resolved = new StepParameters(step, new Dictionary<string, IReadOnlyDictionary<string, object?>>());
        Assert.Equal(1000L, resolved.Integer("rows"));
        Assert.Equal("generator", resolved.Text("source"));
    }

    [Theory]
    [InlineData("""{"name":"x","kind":"bake"}""", "kind", "unknown kind 'bake'")]
    [InlineData("""{"name":"X y","kind":"ingest","parameters":{"dataset":"d"}}""", "name", "lower-case")]
    [InlineData("""{"name":"x","kind":"ingest"}""", "parameters.dataset", "a value is required")]
    [InlineData("""{"name":"x","kind":"ingest","parameters":{"dataset":"d","colour":1}}""", "parameters.colour", "unknown property")]
    [InlineData("""{"name":"x","kind":"ingest","parameters":{"dataset":"d","rows":0}}""", "parameters.rows", "from 1 to 1000000")]
    [InlineData("""{"name":"x","kind":"ingest","parameters":{"dataset":"d","rows":1.5}}""", "parameters.rows", "whole number")]
    [InlineData("""{"name":"x","kind":"ingest","parameters":{"dataset":"d","source":"ftp"}}""", "parameters.source", "not one of generator, folder")]
    [InlineData("""{"name":"x","kind":"ingest","parameters":{"dataset":"d","drift":"high"}}""", "parameters.drift", "a number from 0 to 1")]
    [InlineData("""{"name":"x","kind":"ingest","parameters":{"dataset":"$a.b"}}""", "parameters.dataset", "names no earlier step")]
    [InlineData("""{"name":"x","kind":"ingest","parameters":{"dataset":"d"},"schedule":"every day"}""", "schedule", "has 2 fields")]
    [InlineData("""{"name":"x","kind":"ingest","parameters":{"dataset":"d"},"schedule":"0 61 * * * ?"}""", "schedule", "minute above 59")]
    [InlineData("""{"name":"x","kind":"ingest","parameters":{"dataset":"d"},"schedule":"0 3 * * 1"}""", "schedule", "as names")]
    [InlineData("""{"name":"x","kind":"ingest","parameters":{"dataset":"d"},"schedule":"0 3 1 * MON"}""", "schedule", "not both")]
    [InlineData("""{"name":"x","kind":"ingest","parameters":{"dataset":"d"},"after":["x"]}""", "after", "after itself")]
    [InlineData("""{"name":"x","kind":"ingest","parameters":{"dataset":"d"},"retry":{"maxAttempts":11}}""", "retry.maxAttempts", "from 1 to 10")]
    [InlineData("""{"name":"x","kind":"ingest","parameters":{"dataset":"d"},"timeoutMinutes":0}""", "timeoutMinutes", "from 1 to 1440")]
    [InlineData("""{"name":"x","kind":"ingest","steps":[]}""", "steps", "only a pipeline has steps")]
    [InlineData("""{"name":"x","kind":"pipeline","steps":[]}""", "steps", "at least one step")]
    [InlineData("""{"name":"x","kind":"pipeline","parameters":{}}""", "parameters", "belong to its steps")]
    [InlineData("""{"name":"x","kind":"pipeline","steps":[{"kind":"register","parameters":{"run":"r","model":"m"}},{"kind":"register","parameters":{"run":"r","model":"m"}}]}""", "steps[1].name", "two steps are named 'register'")]
    [InlineData("""{"name":"x","kind":"pipeline","steps":[{"kind":"register","parameters":{"run":"$train.runId","model":"m"}},{"kind":"train","parameters":{"dataset":"d"}}]}""", "steps[0].parameters.run", "names no earlier step")]
    [InlineData("""{"name":"x","kind":"pipeline","steps":[{"kind":"train","parameters":{"dataset":"d"}},{"kind":"register","parameters":{"run":"$train.auc","model":"m"}}]}""", "steps[1].parameters.run", "has no output 'auc'")]
    [InlineData("""{"name":"x","kind":"pipeline","steps":[{"kind":"train","parameters":{"dataset":"d"}},{"kind":"register","parameters":{"run":"$train.rocAuc","model":"m"}}]}""", "steps[1].parameters.run", "is a number, not text")]
    [InlineData("""{"name":"x","kind":"pipeline","steps":[{"kind":"evaluate","parameters":{"run":"r","deployment":"d"}},{"kind":"register","parameters":{"run":"r","model":"m"},"when":{"output":"$evaluate.wins","op":">","value":true}}]}""", "steps[1].when.op", "only with = and !=")]
    [InlineData("""{"name":"x","kind":"pipeline","steps":[{"kind":"evaluate","parameters":{"run":"r","deployment":"d"}},{"kind":"register","parameters":{"run":"r","model":"m"},"when":{"output":"$evaluate.gain","op":">=","value":"big"}}]}""", "steps[1].when.value", "compare it with a number")]
    [InlineData("""{"name":"x","kind":"pipeline","steps":[{"kind":"evaluate","parameters":{"run":"r","deployment":"d"}},{"kind":"register","parameters":{"run":"r","model":"m"},"when":{"output":"$evaluate.gain","op":"~","value":1}}]}""", "steps[1].when.op", "use one of")]
    [InlineData("""{"name":"x","kind":"ingest","parameters":{"dataset":"d"},"extra":1}""", "extra", "unknown property")]
    [InlineData("""{"name":"x","kind":"ingest","parameters":{"dataset":"d"},"enabled":"yes"}""", "enabled", "true or false")]
    [InlineData("[1]", "$", "an object is expected")]
    [InlineData("{", "$", "not valid JSON")]
    public void EachBadPartIsRefusedNamingItsPath(string text, string path, string problem)
    {
        var e = Assert.Throws<JobDefinitionException>(() => JobDefinitionParser.Parse(text));

        Assert.Equal(path, e.Path);
        Assert.Contains(problem, e.Message);
    }

    [Fact]
    public void TooLargeOrTooDeepTextIsRefusedBeforeItIsRead()
    {
        var large = "{\"name\":\"x\",\"kind\":\"ingest\",\"description\":\"" + new string('a', JobLimits.MaxChars) + "\"}";
        var deep = """{"name":"x","kind":"ingest","parameters":""" + new string('[', 40) + new string(']', 40) + "}";

        Assert.Contains("at most 64 KiB", Assert.Throws<JobDefinitionException>(() => JobDefinitionParser.Parse(large)).Message);
        Assert.Contains("not valid JSON", Assert.Throws<JobDefinitionException>(() => JobDefinitionParser.Parse(deep)).Message);
    }

    [Fact]
    public void OverridesReplaceAStepsParametersAndAreCheckedLikeTheDefinition()
    {
        var job = JobDefinitionParser.Parse(Pipeline);

        var changed = JobDefinitionParser.WithOverrides(job, """{"parameters":{"ingest":{"drift":0.9,"rows":50}}}""");

        Assert.Equal(0.9, changed.Steps[0].Parameters["drift"]);
        Assert.Equal(50L, changed.Steps[0].Parameters["rows"]);
        Assert.Equal(job.Steps[1], changed.Steps[1]);
        Assert.Same(job, JobDefinitionParser.WithOverrides(job, null));
        Assert.Equal("parameters.bake", Assert.Throws<JobDefinitionException>(() => JobDefinitionParser.WithOverrides(job, """{"parameters":{"bake":{}}}""")).Path);
        Assert.Equal("parameters.ingest.drift", Assert.Throws<JobDefinitionException>(() => JobDefinitionParser.WithOverrides(job, """{"parameters":{"ingest":{"drift":2}}}""")).Path);
        var single = JobDefinitionParser.Parse("""{"name":"b","kind":"ingest","parameters":{"dataset":"d"}}""");
        Assert.Equal(7L, JobDefinitionParser.WithOverrides(single, """{"parameters":{"rows":7}}""").Steps[0].Parameters["rows"]);
        Assert.Equal("parameters.dataset", Assert.Throws<JobDefinitionException>(() => JobDefinitionParser.WithOverrides(single, """{"parameters":{"dataset":null}}""")).Path);
    }
}
