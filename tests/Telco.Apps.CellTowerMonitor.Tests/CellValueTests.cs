using System.Text.Json;

namespace Telco.Apps.CellTowerMonitor.Tests;

/// <summary>Values arrive as whatever the store or the wire made them; all the reasonable forms read the same.</summary>
public sealed class CellValueTests
{
    public static TheoryData<object?, double?> Numbers => new()
    {
        { 42L, 42 }, { 42, 42 }, { 0.5, 0.5 }, { 0.5f, 0.5 }, { 0.5m, 0.5 }, { "0.5", 0.5 }, { true, 1 },
        { JsonSerializer.Deserialize<JsonElement>("0.5"), 0.5 }, { JsonSerializer.Deserialize<JsonElement>("\"7\""), 7 },
        { null, null }, { "n/a", null }, { double.NaN, null }, { JsonSerializer.Deserialize<JsonElement>("null"), null },
    };

    [Theory]
    [MemberData(nameof(Numbers))]
    public void NumbersAreReadFromAnyForm(object? value, double? number) => Assert.Equal(number, CellValue.Number(value));

    [Fact]
    public void TextIsReadFromStringsJsonAndNumbersWithoutTheCulturesSeparator()
    {
        Assert.Equal("0xa", CellValue.Text("0xa"));
        Assert.Equal("0xa", CellValue.Text(JsonSerializer.Deserialize<JsonElement>("\"0xa\"")));
        Assert.Equal("1.5", CellValue.Text(1.5));
        Assert.Null(CellValue.Text(null));
    }

    [Fact]
    public void AFlagIsNullWhenTheLabelIsMissing()
    {
        Assert.True(CellValue.Flag(1L));
        Assert.False(CellValue.Flag(0L));
        Assert.Null(CellValue.Flag(null));
    }
}
