using Telco.InsightPortal.Core.Data;
using Telco.InsightPortal.Ml.Tests.Support;

namespace Telco.InsightPortal.Ml.Tests;

public sealed class LabelTests
{
    private readonly ChurnTrainer _trainer = new();

    public static TheoryData<string, Func<int, bool, object?>> Encodings => new()
    {
        { "Yes/No", (_, c) => c ? "Yes" : "No" },
        { "1/0 integers", (_, c) => c ? 1L : 0L },
        { "true/false", (_, c) => c ? "true" : "false" },
    };

    [Theory]
    [MemberData(nameof(Encodings))]
    public async Task CommonBinaryEncodingsMapToTheSamePositives(string encoding, Func<int, bool, object?> label)
    {
        var builder = new SyntheticChurn().Label(label);
        var expected = new SyntheticChurn().Build().Count(r => (string)r[4]! == "Yes");

        var result = await _trainer.TrainAsync(builder.Request(), ct: TestContext.Current.CancellationToken);

        Assert.True(result.Split.Positives == expected, encoding);
    }

    [Fact]
    public async Task PositiveLabelNamesTheChurnClassForOtherPairs()
    {
        var request = new SyntheticChurn().Label((_, c) => c ? "left" : "stayed").Request() with { PositiveLabel = "left" };

        var result = await _trainer.TrainAsync(request, ct: TestContext.Current.CancellationToken);

        Assert.True(result.Test.RocAuc > 0.8);
    }

    [Fact]
    public async Task RowsWithoutALabelAreLeftOutWithAWarning()
    {
        var request = new SyntheticChurn().Label((i, c) => i % 40 == 0 ? null : c ? "Yes" : "No").Request();

        var result = await _trainer.TrainAsync(request, ct: TestContext.Current.CancellationToken);

        Assert.Equal(390, result.Split.TrainRows + result.Split.ValidationRows + result.Split.TestRows);
        Assert.Contains(result.Warnings, w => w.Contains("10 rows without a label"));
    }
}
