using Telco.InsightPortal.TestSupport;

namespace Telco.InsightPortal.Data.Tests;

public sealed class SharedDataTests
{
    [Fact]
    public void AMissingTelcoSampleFailsTheTestUnderCi() => Assert.NotNull(Csv.TelcoChurnMissingUnderCi("true"));

    [Theory]
    [InlineData(null)]
    [InlineData("false")]
    public void AMissingTelcoSampleOnlySkipsTheTestOutsideCi(string? ci) => Assert.Null(Csv.TelcoChurnMissingUnderCi(ci));
}
