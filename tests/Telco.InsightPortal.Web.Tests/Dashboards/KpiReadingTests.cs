using Telco.InsightPortal.Core.Data;
using Telco.InsightPortal.Web.Dashboards.Components;

namespace Telco.InsightPortal.Web.Tests.Dashboards;

/// <summary>A KPI reads as its value, the previous value and the change in percent, with its direction.</summary>
public sealed class KpiReadingTests
{
    [Fact]
    public void EachMeasureIsComparedWithItsOwnPreviousValue()
    {
        var result = new ResultBuilder().Measure("count").Measure("avg(MonthlyCharges)", ColumnType.Real)
            .Previous("count").Previous("avg(MonthlyCharges)", ColumnType.Real)
            .Row(7043L, 64.76, 6260L, 70.0).Build();

        var readings = KpiReading.Of(result);

        Assert.Equal(new KpiReading("count", "7,043", "6,260", "+12.5 %", KpiTrend.Up), readings[0]);
        Assert.Equal(new KpiReading("avg(MonthlyCharges)", "64.76", "70", "−7.5 %", KpiTrend.Down), readings[1]);
    }

    [Fact]
    public void WithoutPreviousColumnsAKpiIsJustItsValue()
    {
        var result = new ResultBuilder().Measure("sum(TotalCharges)", ColumnType.Real).Row(16056168.7).Build();

        Assert.Equal([new KpiReading("sum(TotalCharges)", "16,056,168.7", null, null, KpiTrend.None)], KpiReading.Of(result));
    }

    [Theory]
    [InlineData(5.0, 0.0, null, KpiTrend.Up)]
    [InlineData(3.0, 3.0, "0.0 %", KpiTrend.Flat)]
    [InlineData(null, 3.0, null, KpiTrend.None)]
    public void TheChangeIsAPercentageOfThePreviousValueExceptFromZeroOrNothing(double? value, double? previous, string? change, KpiTrend trend)
    {
        Assert.Equal((change, trend), KpiReading.Compare(value, previous));
    }
}
