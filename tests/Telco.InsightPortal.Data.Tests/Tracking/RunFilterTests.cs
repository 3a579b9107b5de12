using Telco.InsightPortal.Core.Parsing;
using Telco.InsightPortal.Data.Store;
using Telco.InsightPortal.Data.Tracking;

namespace Telco.InsightPortal.Data.Tests.Tracking;

/// <summary>What the portal adds to MLflow's filter syntax: <c>or</c> (looser than <c>and</c>), parentheses,
/// <c>in (…)</c> and <c>not in (…)</c>, run as parameterised SQL on both engines.</summary>
public sealed class RunFilterTests
{
    [Theory]
    [InlineData(StoreProvider.Sqlite, "params.trainer in ('lightgbm', 'fasttree')", "b,c")]
    [InlineData(StoreProvider.Postgres, "params.trainer in ('lightgbm', 'fasttree')", "b,c")]
    [InlineData(StoreProvider.Sqlite, "params.trainer NOT IN ('lightgbm','fasttree')", "a,d")]
    [InlineData(StoreProvider.Postgres, "params.trainer NOT IN ('lightgbm','fasttree')", "a,d")]
    [InlineData(StoreProvider.Sqlite, "metrics.roc_auc > 0.85 or tags.trainer = 'logistic'", "a,c,d")]
    [InlineData(StoreProvider.Postgres, "metrics.roc_auc > 0.85 or tags.trainer = 'logistic'", "a,c,d")]
    [InlineData(StoreProvider.Sqlite, "tags.trainer = 'logistic' or metrics.roc_auc > 0.85 and params.trainer = 'fasttree'", "a,c")]
    [InlineData(StoreProvider.Postgres, "tags.trainer = 'logistic' or metrics.roc_auc > 0.85 and params.trainer = 'fasttree'", "a,c")]
    [InlineData(StoreProvider.Sqlite, "(tags.trainer = 'logistic' or metrics.roc_auc > 0.85) and params.trainer = 'fasttree'", "c")]
    [InlineData(StoreProvider.Postgres, "(tags.trainer = 'logistic' or metrics.roc_auc > 0.85) and params.trainer = 'fasttree'", "c")]
    [InlineData(StoreProvider.Sqlite, "metrics.roc_auc in (0.8, 0.9) and attributes.run_name not in ('c')", "b")]
    [InlineData(StoreProvider.Postgres, "metrics.roc_auc in (0.8, 0.9) and attributes.run_name not in ('c')", "b")]
    public async Task OrInAndParenthesesSelectTheRunsTheySay(StoreProvider provider, string filter, string expected)
    {
        var runs = new[] { ("a", 0.84, "logistic"), ("b", 0.80, "lightgbm"), ("c", 0.90, "fasttree"), ("d", 0.95, "fastforest") }
            .Select(r => new LoggedRun(r.Item1, [new("roc_auc", r.Item2, 1, 0)], [new("trainer", r.Item3)], [new("trainer", r.Item3)]));

        var names = await RunNamesMatchingAsync(provider, filter, runs);

        Assert.Equal(expected.Split(','), names);
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite, "tags.note = 'x'' y'", "b")]
    [InlineData(StoreProvider.Postgres, "tags.note = 'x'' y'", "b")]
    [InlineData(StoreProvider.Sqlite, "params.song = 'rock and roll' or tags.note = 'a or b'", "a,c")]
    [InlineData(StoreProvider.Postgres, "params.song = 'rock and roll' or tags.note = 'a or b'", "a,c")]
    [InlineData(StoreProvider.Sqlite, "attributes.run_name LIKE 'gbm%' and params.`song name` ILIKE '%ROLL%'", "gbm-2")]
    [InlineData(StoreProvider.Postgres, "attributes.run_name LIKE 'gbm%' and params.`song name` ILIKE '%ROLL%'", "gbm-2")]
    [InlineData(StoreProvider.Sqlite, "tags.\"note\" in ('(', ')')", "gbm-2")]
    [InlineData(StoreProvider.Postgres, "tags.\"note\" in ('(', ')')", "gbm-2")]
    public async Task QuotedValuesKeepKeywordsQuotesAndBrackets(StoreProvider provider, string filter, string expected)
    {
        var runs = new[] { ("a", "rock and roll", "and"), ("b", "rock", "x' y"), ("c", "roll", "a or b"), ("gbm-2", "Rock And Roll", "(") }
            .Select(r => new LoggedRun(r.Item1, [], [new("song", r.Item2), new("song name", r.Item2)], [new("note", r.Item3)]));

        var names = await RunNamesMatchingAsync(provider, filter, runs);

        Assert.Equal(expected.Split(','), names);
    }

    [Fact]
    public void AndBindsTighterThanOr()
    {
        var tree = RunFilter.Parse("metrics.a > 1 or metrics.b > 2 and metrics.c > 3");

        var any = Assert.IsType<FilterAny>(tree);
        Assert.IsType<FilterClause>(any.Terms[0]);
        Assert.Equal(2, Assert.IsType<FilterAll>(any.Terms[1]).Terms.Count);
    }

    [Fact]
    public void ValuesOfAnInListTravelAsParametersNotSql()
    {
        const string hostile = "x') OR 1=1 --";
        var tree = RunFilter.Parse($"params.trainer in (\"{hostile}\", 'b')");

        var clause = Assert.IsType<FilterClause>(tree);
        Assert.Equal(RunFilter.In, clause.Operator);
        Assert.Equal([hostile, "b"], Assert.IsAssignableFrom<IReadOnlyList<object>>(clause.Value));
    }

    [Theory]
    [InlineData("params.trainer in 'lightgbm'", "position 18: expected '(' to open the list of values")]
    [InlineData("params.trainer in ('a' 'b')", "position 23: expected ',' or ')' in the list of values")]
    [InlineData("params.trainer in ()", "position 19: expected a number or a quoted string")]
    [InlineData("params.trainer not ('a')", "position 15: expected 'in' after 'not'")]
    [InlineData("metrics.auc in ('high')", "compared with a number")]
    [InlineData("(metrics.auc > 1 or metrics.auc < 0", "position 35: expected a closing ')'")]
    [InlineData("metrics.auc > 1)", "position 15: unexpected ')'")]
    [InlineData("metrics.auc > 1 or", "position 18: expected 'metrics.', 'params.', 'tags.' or 'attributes.' followed by a key, got the end")]
    [InlineData("metrics.auc > 1 or or metrics.auc < 0", "position 19: expected 'metrics.', 'params.', 'tags.' or 'attributes.' followed by a key, got 'or'")]
    public void BadOrAndInFiltersNameThePositionAndToken(string filter, string reason)
    {
        var error = Assert.Throws<TrackingException>(() => RunFilter.Parse(filter));

        Assert.Equal(TrackingErrors.InvalidParameter, error.ErrorCode);
        Assert.Contains(reason, error.Message);
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task FilterAtEveryLimitRunsOnBothEngines(StoreProvider provider)
    {
        await using var f = await TrackingFixture.CreateAsync(provider);
        var experiment = await f.Tracking.CreateExperimentAsync("churn", null, [], TrackingFixture.Scientist);
        var runId = await f.NewRunAsync(experiment, "a");
        await f.Tracking.LogMetricAsync(runId, new("auc", 0.9, 1, 0));
        var limits = ParserLimits.Filter;
        var deepest = new string('(', limits.MaxDepth) + "metrics.auc > 0.5" + new string(')', limits.MaxDepth);
        var widest = deepest + string.Concat(Enumerable.Repeat(" or metrics.auc < 0", limits.MaxItems - 1));

        var page = await f.Tracking.SearchRunsAsync([experiment], widest, ViewType.ActiveOnly, null, null, null);

        Assert.True(widest.Length <= limits.MaxLength);
        Assert.Equal(["a"], page.Runs.Select(r => r.Info.RunName));
    }

    [Fact]
    public void FiltersPastALimitAreRefusedNamingTheLimit()
    {
        var cases = new (string Filter, string Says)[]
        {
            (new string('(', 100_000) + "metrics.auc > 0.5" + new string(')', 100_000), "the limit is 16,384"),
            (new string('(', 33) + "metrics.auc > 0.5" + new string(')', 33), "position 32: brackets nest deeper than the limit of 32"),
            (new string('(', 8_000) + "metrics.auc > 0.5" + new string(')', 8_000), "position 32: brackets nest deeper than the limit of 32"),
            ("params.p in (" + string.Join(",", Enumerable.Repeat("'v'", 500)) + ")", "more than 500 comparisons and listed values, the limit"),
            ("metrics.auc > 0.5 and " + new string('x', 1 << 20), "it is 1,048,598 characters long; the limit is 16,384"),
        };

        foreach (var (filter, says) in cases)
        {
            var error = Assert.Throws<TrackingException>(() => RunFilter.Parse(filter));
            Assert.Equal(TrackingErrors.InvalidParameter, error.ErrorCode);
            Assert.Contains(says, error.Message);
            Assert.True(error.Message.Length < 400, error.Message);
        }
    }

    [Fact]
    public void OrderByAndPageTokensPastTheirLimitsAreRefused()
    {
        var tooMany = Assert.Throws<TrackingException>(() => RunFilter.ParseOrderBy(Enumerable.Repeat("metrics.auc", 17)));
        var tooLong = Assert.Throws<TrackingException>(() => RunFilter.ParseOrderBy(["metrics." + new string('a', 100_000)]));
        var token = Assert.Throws<TrackingException>(() => PageToken.Decode(new string('A', 1 << 20)));

        Assert.Contains("17 order_by clauses; the limit is 16", tooMany.Message);
        Assert.Contains("the limit is 512", tooLong.Message);
        Assert.Contains("Invalid page token: it is 1,048,576 characters long; the limit is 256", token.Message);
    }

    private sealed record LoggedRun(string Name, TrackingMetric[] Metrics, TrackingParam[] Params, TrackingTag[] Tags);

    /// <summary>Logs the runs into a new experiment and answers the names of those the filter selects, by name.</summary>
    private static async Task<IReadOnlyList<string>> RunNamesMatchingAsync(StoreProvider provider, string filter, IEnumerable<LoggedRun> runs)
    {
        await using var f = await TrackingFixture.CreateAsync(provider);
        var experiment = await f.Tracking.CreateExperimentAsync("churn", null, [], TrackingFixture.Scientist);
        foreach (var run in runs) await f.Tracking.LogBatchAsync(await f.NewRunAsync(experiment, run.Name), run.Metrics, run.Params, run.Tags);
        var page = await f.Tracking.SearchRunsAsync([experiment], filter, ViewType.ActiveOnly, null, ["attributes.run_name"], null);
        return page.Runs.Select(r => r.Info.RunName).ToList();
    }
}
