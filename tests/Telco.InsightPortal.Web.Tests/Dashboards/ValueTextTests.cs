using Telco.InsightPortal.Web.Dashboards.Components;

namespace Telco.InsightPortal.Web.Tests.Dashboards;

/// <summary>Values read the same in every culture: invariant separators, ISO dates, a dash for nothing.</summary>
public sealed class ValueTextTests
{
    public static TheoryData<object?, string> Values => new()
    {
        { null, "–" },
        { 1234567L, "1,234,567" },
        { -0.12345, "-0.1235" },
        { 1234.5678, "1,234.57" },
        { double.NaN, "NaN" },
        { new DateTimeOffset(2024, 3, 1, 0, 0, 0, TimeSpan.Zero), "2024-03-01" },
        { new DateTimeOffset(2024, 3, 1, 1, 30, 0, TimeSpan.FromHours(2)), "2024-02-29 23:30:00" },
        { "Month-to-month", "Month-to-month" },
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void AValueIsFormattedInvariantlyWithDatesAsYearMonthDay(object? value, string expected)
    {
        Assert.Equal(expected, ValueText.Format(value));
    }
}
