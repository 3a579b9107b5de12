namespace Telco.Apps.CellTowerMonitor.Tests;

/// <summary>Device ids are data: in an element id they can neither break out nor collide.</summary>
public sealed class ElementIdsTests
{
    [Theory]
    [InlineData("0x1000000000000", "tower-row-0x1000000000000")]
    [InlineData("a b", "tower-row-a_0020b")]
    [InlineData("\"><script>", "tower-row-_0022_003e_003cscript_003e")]
    public void OnlyLettersDigitsAndDashesSurvive(string deviceId, string id) => Assert.Equal(id, ElementIds.TowerRow(deviceId));

    [Fact]
    public void DistinctDeviceIdsGiveDistinctElementIds() =>
        Assert.NotEqual(ElementIds.Safe("a.b"), ElementIds.Safe("a_b"));
}
