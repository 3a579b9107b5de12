using Telco.InsightPortal.Core.Dashboards;

namespace Telco.InsightPortal.Core.Tests.Dashboards;

/// <summary>The parser reads every part of a spec, writes it back so it parses to the same text, and refuses each
/// kind of bad input naming the JSON path.</summary>
public sealed class ChartSpecParserTests
{
    public const string Full = """
        {"version":1,"source":{"kind":"snapshot","dataset":"telco-churn","snapshot":12},"type":"bar-stacked",
         "x":{"field":"tenure","bin":{"width":6}},
         "measures":[{"agg":"count"},{"field":"MonthlyCharges","agg":"avg"}],"group":"Churn",
         "filters":[{"field":"Contract","op":"in","values":["Month-to-month","One year"]},{"field":"tenure","op":"range","min":0,"max":72.5},
                    {"field":"TotalCharges","op":"null"},{"field":"gender","op":"eq","value":"Female"},{"field":"signup_at","op":"not_null"}],
         "sort":{"by":1,"desc":true},"limit":50,"title":"Tenure by churn"}
        """;

    public static string Spec(string body) =>
        $$"""{"version":1,"source":{"kind":"snapshot","dataset":"d","snapshot":"latest"},{{body}}}""";

    [Fact]
    public void EveryPartOfASpecIsRead()
    {
        var spec = ChartSpecParser.Parse(Full);

        Assert.Equal(new ChartSource("telco-churn", 12), spec.Source);
        Assert.Equal(ChartType.BarStacked, spec.Type);
        Assert.Equal(new ChartX("tenure", new ChartBin(6, null)), spec.X);
        Assert.Equal([new ChartMeasure(Aggregation.Count), new ChartMeasure(Aggregation.Avg, "MonthlyCharges")], spec.Measures);
        Assert.Equal("Churn", spec.Group);
        Assert.Equal([FilterOp.In, FilterOp.Range, FilterOp.Null, FilterOp.Eq, FilterOp.NotNull], spec.Filters.Select(f => f.Op));
        Assert.Equal(["Month-to-month", "One year"], spec.Filters[0].Values!);
        Assert.Equal((0L, 72.5), (spec.Filters[1].Min, spec.Filters[1].Max));
        Assert.Equal(ChartSort.OfMeasure(1, desc: true), spec.Sort);
        Assert.Equal((50, "Tenure by churn"), (spec.Limit, spec.Title));
    }

    [Theory]
    [InlineData(Full)]
    [InlineData("""{"version":1,"source":{"kind":"snapshot","dataset":"d","snapshot":"latest"},"type":"line","x":{"field":"at","bin":{"unit":"week"}},"sort":{"by":"x"}}""")]
    [InlineData("""{"version":1,"source":{"kind":"snapshot","dataset":"d"},"type":"table","sort":{"by":"tenure"}}""")]
    public void AWrittenSpecParsesBackToTheSameText(string json)
    {
        var written = ChartSpecWriter.Write(ChartSpecParser.Parse(json));

        var again = ChartSpecWriter.Write(ChartSpecParser.Parse(written));

        Assert.Equal(written, again);
    }

    [Fact]
    public void TheHashIgnoresTitleAndPropertyOrderButNotTheQuery()
    {
        var a = ChartSpecParser.Parse(Spec("""  "type":"bar","x":{"field":"a"},"title":"one" """));
        var b = ChartSpecParser.Parse("""{"title":"two","x":{"field":"a"},"type":"bar","source":{"snapshot":"latest","dataset":"d","kind":"snapshot"},"version":1}""");
        var c = ChartSpecParser.Parse(Spec("""  "type":"bar","x":{"field":"b"} """));

        Assert.Equal(ChartSpecWriter.Hash(a), ChartSpecWriter.Hash(b));
        Assert.NotEqual(ChartSpecWriter.Hash(a), ChartSpecWriter.Hash(c));
    }

    [Theory]
    [InlineData("""  "type":"bar","colour":"red" """, "colour", "unknown property")]
    [InlineData("""  "type":"bar","x":{"field":"a","timeUnit":"day"} """, "x.timeUnit", "unknown property")]
    [InlineData("""  "type":"bar","filters":[{"field":"a","op":"eq","value":1},{"field":"a","op":"eq","value":1},{"field":"a","op":"like","value":"x%"}] """, "filters[2].op", "'like' is not one of")]
    [InlineData("""  "type":"bar","filters":[{"field":"a","op":"eq","values":[1]}] """, "filters[0].values", "takes no \"values\"")]
    [InlineData("""  "type":"bar","filters":[{"field":"a","op":"range"}] """, "filters[0]", "needs \"min\", \"max\"")]
    [InlineData("""  "type":"bar","filters":[{"field":"a","op":"in","values":[]}] """, "filters[0].values", "1 to 256 values")]
    [InlineData("""  "type":"bar","filters":[{"field":"a","op":"eq","value":true}] """, "filters[0].value", "a string or a finite number")]
    [InlineData("""  "type":"bar","measures":[{"field":"a","agg":"percentile"}] """, "measures[0].agg", "not supported; use one of count, count_distinct")]
    [InlineData("""  "type":"bar","measures":[{"agg":"sum"}] """, "measures[0].field", "needs a field")]
    [InlineData("""  "type":"sunburst" """, "type", "'sunburst' is not one of")]
    [InlineData("""  "type":"bar","x":{"field":"a","bin":{"width":-1}} """, "x.bin.width", "positive number")]
    [InlineData("""  "type":"bar","x":{"field":"a","bin":{"width":1,"unit":"day"}} """, "x.bin", "either")]
    [InlineData("""  "type":"bar","x":{"field":"a","bin":{"unit":"hour"}} """, "x.bin.unit", "'hour' is not one of")]
    [InlineData("""  "type":"bar","limit":0 """, "limit", "whole number")]
    [InlineData("""  "type":"bar","sort":{"by":-1} """, "sort.by", "measure index")]
    [InlineData("""  "type":"bar","sort":{"by":"x","desc":"yes"} """, "sort.desc", "true or false")]
    [InlineData("""  "type":"bar","group":"" """, "group", "")]
    [InlineData("""  "type":"bar","type":"line" """, "type", "appears twice")]
    [InlineData("""  "type":"bar","title":"a\u0000b" """, "title", "NUL")]
    [InlineData("""  "type":"bar","title":"\ud800" """, "$", "not valid Unicode")]
    public void ABadPartIsRefusedNamingItsPath(string body, string path, string problem)
    {
        var e = Assert.Throws<ChartSpecException>(() => ChartSpecParser.Parse(Spec(body)));

        Assert.Equal(path, e.Path);
        Assert.Contains(problem, e.Message);
        Assert.Contains(path, e.Message);
    }

    [Theory]
    [InlineData("""{"version":2,"source":{"kind":"snapshot","dataset":"d"},"type":"bar"}""", "version")]
    [InlineData("""{"source":{"kind":"snapshot","dataset":"d"},"type":"bar"}""", "version")]
    [InlineData("""{"version":1,"source":{"kind":"models","dataset":"d"},"type":"bar"}""", "source.kind")]
    [InlineData("""{"version":1,"source":{"kind":"predictions","dataset":"d"},"type":"bar"}""", "source.dataset")]
    [InlineData("""{"version":1,"source":{"kind":"predictions"},"type":"bar"}""", "source.deployment")]
    [InlineData("""{"version":1,"source":{"kind":"runs","experiment":""},"type":"bar"}""", "source.experiment")]
    [InlineData("""{"version":1,"source":{"kind":"runs","experiment":"e","snapshot":3},"type":"bar"}""", "source.snapshot")]
    [InlineData("""{"version":1,"source":{"dataset":"d","deployment":"churn"},"type":"bar"}""", "source.deployment")]
    [InlineData("""{"version":1,"source":{"kind":"snapshot","dataset":"d","snapshot":"head"},"type":"bar"}""", "source.snapshot")]
    [InlineData("""{"version":1,"source":{"kind":"snapshot"},"type":"bar"}""", "source.dataset")]
    [InlineData("""{"version":1,"source":{"kind":"snapshot","dataset":"d"}}""", "type")]
    [InlineData("""[1,2]""", "$")]
    [InlineData("""{"version":1,""", "$")]
    public void AMissingOrWrongHeaderIsRefused(string json, string path)
    {
        var e = Assert.Throws<ChartSpecException>(() => ChartSpecParser.Parse(json));

        Assert.Equal(path, e.Path);
    }

    [Fact]
    public void ASpecOverTheSizeLimitIsRefusedBeforeParsing()
    {
        var json = Spec($$"""  "type":"bar","title":"{{new string(' ', ChartSpecLimits.MaxBytes)}}" """);

        var e = Assert.Throws<ChartSpecException>(() => ChartSpecParser.Parse(json));

        Assert.Contains("larger than 32,768 bytes", e.Message);
    }

    [Fact]
    public void ASpecNestedTooDeeplyIsRefused()
    {
        var json = Spec("""  "type":"bar","filters":[{"field":"a","op":"in","values":[[[[[["x"]]]]]]}] """);

        var e = Assert.Throws<ChartSpecException>(() => ChartSpecParser.Parse(json));

        Assert.Contains("deeper than 8 levels", e.Message);
    }

    [Theory]
    [InlineData("measures", ChartSpecLimits.MaxMeasures)]
    [InlineData("filters", ChartSpecLimits.MaxFilters)]
    public void MoreMeasuresOrFiltersThanTheLimitAreRefused(string name, int limit)
    {
        var item = name == "measures" ? """{"agg":"count"}""" : """{"field":"a","op":"null"}""";
        var fits = Spec($$"""  "type":"bar","{{name}}":[{{string.Join(",", Enumerable.Repeat(item, limit))}}] """);
        var over = Spec($$"""  "type":"bar","{{name}}":[{{string.Join(",", Enumerable.Repeat(item, limit + 1))}}] """);

        ChartSpecParser.Parse(fits);
        var e = Assert.Throws<ChartSpecException>(() => ChartSpecParser.Parse(over));

        Assert.Equal(name, e.Path);
    }

    [Fact]
    public void TooManyValuesOrTooLongAStringAreRefused()
    {
        var values = Spec($$"""  "type":"bar","filters":[{"field":"a","op":"in","values":[{{string.Join(",", Enumerable.Range(0, 257))}}]}] """);
        var longName = Spec($$"""  "type":"bar","x":{"field":"{{new string('a', 257)}}"} """);

        Assert.Equal("filters[0].values", Assert.Throws<ChartSpecException>(() => ChartSpecParser.Parse(values)).Path);
        Assert.Equal("x.field", Assert.Throws<ChartSpecException>(() => ChartSpecParser.Parse(longName)).Path);
    }
}
