using Telco.InsightPortal.Core.Dashboards;
using Telco.InsightPortal.Core.Data;
using Telco.InsightPortal.Web.Dashboards.Export;

namespace Telco.InsightPortal.Web.Tests.Dashboards;

/// <summary>A chart's rows as CSV a spreadsheet opens safely: RFC 4180 quoting, formulas defused, numbers as numbers.</summary>
public sealed class ChartCsvTests
{
    [Fact]
    public void TheHeaderNamesTheColumnsAndRowsFollowWithCrLf()
    {
        var result = new ResultBuilder().X("Contract").Measure("avg(MonthlyCharges)", ColumnType.Real).Row("One year", 65.5).Row(null, -3.25).Build();

        Assert.Equal("Contract,avg(MonthlyCharges)\r\nOne year,65.5\r\n,-3.25\r\n", ChartCsv.Write(result));
    }

    [Fact]
    public void CellsThatWouldRunAsFormulasArePrefixedWithAnApostrophe()
    {
        var result = new ResultBuilder().Field("=cmd|' /C calc'!A0").Row("+1").Row("-2+3").Row("@SUM(A1)").Row("\tx").Row("\rx").Build();

        var lines = ChartCsv.Write(result).Split("\r\n");

        Assert.Equal("'=cmd|' /C calc'!A0", lines[0]);
        Assert.Equal(["'+1", "'-2+3", "'@SUM(A1)", "'\tx", "\"'\rx\""], lines[1..6]);
    }

    [Fact]
    public void CommasQuotesAndLineBreaksAreQuotedAndQuotesDoubled()
    {
        var result = new ResultBuilder().Field("note").Field("when", ColumnType.Timestamp)
            .Row("a, \"b\"\nc", new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.FromHours(2))).Build();

        Assert.Equal("note,when\r\n\"a, \"\"b\"\"\nc\",2024-05-06T05:08:09Z\r\n", ChartCsv.Write(result));
    }

    [Theory]
    [InlineData("Churn by contract", "churn-by-contract.csv")]
    [InlineData("../../etc/passwd", "etc-passwd.csv")]
    [InlineData("«»", "chart.csv")]
    [InlineData(null, "chart.csv")]
    public void AFileNameIsASlugOfTheTitle(string? title, string expected)
    {
        Assert.Equal(expected, ExportName.For(Specs.Of(ChartType.Bar, title: title), "csv"));
    }
}
