using Telco.InsightPortal.Core.Dashboards;
using Telco.InsightPortal.Core.Data;
using static Telco.InsightPortal.Core.Tests.Dashboards.ChartSpecParserTests;

namespace Telco.InsightPortal.Core.Tests.Dashboards;

/// <summary>A spec checked against the schema of its source: names, types, chart shapes and PII.</summary>
public sealed class ChartSpecValidatorTests
{
    public static readonly DatasetSchema Schema = new(
    [
        new(0, "customerID", ColumnType.Text, ColumnRole.Id, Nullable: false, Pii: true),
        new(1, "Contract", ColumnType.Text),
        new(2, "tenure", ColumnType.Integer),
        new(3, "MonthlyCharges", ColumnType.Real),
        new(4, "signup_at", ColumnType.Timestamp, ColumnRole.Timestamp),
        new(5, "email", ColumnType.Text, Pii: true),
    ]);

    private static BoundChart Validate(string body, bool canSeePii = false) =>
        ChartSpecValidator.Validate(ChartSpecParser.Parse(Spec(body)), Schema, canSeePii);

    [Fact]
    public void AValidSpecIsBoundToColumnsWithTypedValues()
    {
        var chart = Validate("""
            "type":"bar","x":{"field":"signup_at","bin":{"unit":"month"}},"group":"Contract",
            "filters":[{"field":"tenure","op":"in","values":[1,"2",3.0]},{"field":"signup_at","op":"range","min":"2024-01-01"},
                       {"field":"MonthlyCharges","op":"eq","value":70}],
            "sort":{"by":"Contract","desc":true}
            """);

        Assert.Equal(4, chart.X!.Ordinal);
        Assert.Equal(1, chart.Group!.Ordinal);
        Assert.Equal([new BoundMeasure(Aggregation.Count, null)], chart.Measures);
        Assert.Equal([1L, 2L, 3L], chart.Filters[0].Values);
        Assert.Equal(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), chart.Filters[1].Min);
        Assert.Equal([70.0], chart.Filters[2].Values);
        Assert.Equal(new BoundSort(ChartSortKey.Group, 0, null, true), chart.Sort);
    }

    [Theory]
    [InlineData("""  "type":"bar","x":{"field":"contract"} """, "x.field", "no field 'contract'")]
    [InlineData("""  "type":"bar","x":{"field":"Contract"},"measures":[{"field":"Contract","agg":"sum"}] """, "measures[0].agg", "sum does not apply to 'Contract', a text field")]
    [InlineData("""  "type":"bar","x":{"field":"Contract"},"measures":[{"field":"signup_at","agg":"avg"}] """, "measures[0].agg", "avg does not apply")]
    [InlineData("""  "type":"bar","x":{"field":"Contract"},"measures":[{"field":"Contract","agg":"max"}] """, "measures[0].agg", "max does not apply")]
    [InlineData("""  "type":"bar","x":{"field":"Contract","bin":{"width":5}} """, "x.bin.width", "not a number")]
    [InlineData("""  "type":"bar","x":{"field":"tenure","bin":{"unit":"day"}} """, "x.bin.unit", "not a timestamp")]
    [InlineData("""  "type":"bar","x":{"field":"tenure"},"filters":[{"field":"Contract","op":"range","min":1}] """, "filters[0].op", "'Contract' is text")]
    [InlineData("""  "type":"bar","x":{"field":"tenure"},"filters":[{"field":"tenure","op":"eq","value":"ten"}] """, "filters[0].value", "'tenure' is a number")]
    [InlineData("""  "type":"bar","x":{"field":"tenure"},"filters":[{"field":"signup_at","op":"range","max":7}] """, "filters[0].max", "is a timestamp")]
    [InlineData("""  "type":"bar" """, "x", "needs an x field")]
    [InlineData("""  "type":"histogram","x":{"field":"tenure"} """, "x.bin", "give x.bin.width")]
    [InlineData("""  "type":"histogram","x":{"field":"tenure","bin":{"width":1}},"measures":[{"field":"tenure","agg":"sum"}] """, "measures", "counts rows")]
    [InlineData("""  "type":"pie","x":{"field":"Contract"},"group":"tenure" """, "group", "slices only")]
    [InlineData("""  "type":"heatmap","x":{"field":"Contract"} """, "group", "needs a group")]
    [InlineData("""  "type":"box","x":{"field":"Contract"} """, "measures", "exactly one measure with a number field")]
    [InlineData("""  "type":"box","x":{"field":"Contract"},"measures":[{"field":"Contract","agg":"count"}] """, "measures[0].field", "not a number")]
    [InlineData("""  "type":"kpi","x":{"field":"Contract"} """, "x", "takes no x")]
    [InlineData("""  "type":"table","measures":[{"agg":"count"}] """, "measures", "takes no measures")]
    [InlineData("""  "type":"bar","x":{"field":"Contract"},"sort":{"by":3} """, "sort.by", "no measure 3")]
    [InlineData("""  "type":"bar","x":{"field":"Contract"},"sort":{"by":"tenure"} """, "sort.by", "not on the chart")]
    public void AProblemWithTheSchemaIsRefusedNamingItsPath(string body, string path, string problem)
    {
        var e = Assert.Throws<ChartSpecException>(() => Validate(body, canSeePii: true));

        Assert.Equal(path, e.Path);
        Assert.Contains(problem, e.Message);
    }

    [Theory]
    [InlineData("""  "type":"bar","x":{"field":"customerID"} """, "x.field", "customerID")]
    [InlineData("""  "type":"bar","x":{"field":"Contract"},"group":"email" """, "group", "email")]
    [InlineData("""  "type":"bar","x":{"field":"Contract"},"measures":[{"field":"customerID","agg":"count_distinct"}] """, "measures[0].field", "customerID")]
    [InlineData("""  "type":"bar","x":{"field":"Contract"},"filters":[{"field":"email","op":"not_null"}] """, "filters[0].field", "email")]
    [InlineData("""  "type":"table","sort":{"by":"customerID"} """, "sort.by", "customerID")]
    public void APiiFieldIsRefusedAnywhereWithoutThePermission(string body, string path, string field)
    {
        var e = Assert.Throws<ChartSpecException>(() => Validate(body));
        Validate(body, canSeePii: true);

        Assert.Equal(path, e.Path);
        Assert.Contains($"'{field}' is personal data (PII)", e.Message);
    }

    [Fact]
    public void ATableListsPiiColumnsOnlyForThoseWhoMaySeeThem()
    {
        var hidden = Validate("""  "type":"table" """);
        var shown = Validate("""  "type":"table" """, canSeePii: true);

        Assert.Equal(["Contract", "tenure", "MonthlyCharges", "signup_at"], hidden.TableColumns.Select(c => c.Name));
        Assert.Equal(6, shown.TableColumns.Count);
    }
}
