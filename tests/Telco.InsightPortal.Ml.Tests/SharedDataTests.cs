using Telco.InsightPortal.Ml.Tests.Support;

namespace Telco.InsightPortal.Ml.Tests;

public sealed class SharedDataTests
{
    [Fact]
    public void MissingReferenceDataFailsTheTestUnderCi() => Assert.NotNull(TelcoData.MissingUnderCi("true"));

    [Theory]
    [InlineData(null)]
    [InlineData("false")]
    public void MissingReferenceDataOnlySkipsTheTestOutsideCi(string? ci) => Assert.Null(TelcoData.MissingUnderCi(ci));
}
