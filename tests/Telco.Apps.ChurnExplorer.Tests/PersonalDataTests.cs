namespace Telco.Apps.ChurnExplorer.Tests;

public sealed class PersonalDataTests
{
    [Theory]
    [InlineData("7590-VHVEG", "75••••••EG")]
    [InlineData("12345678", "12••••78")]
    [InlineData("1234567", "•••••••")]
    [InlineData("ab", "••")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void AllButTheFirstTwoAndLastTwoCharactersAreMaskedAndShortIdsEntirely(string? id, string masked) =>
        Assert.Equal(masked, PersonalData.Mask(id));
}
