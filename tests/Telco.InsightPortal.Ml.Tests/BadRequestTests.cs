using Telco.InsightPortal.Core.Data;
using Telco.InsightPortal.Ml.Tests.Support;

namespace Telco.InsightPortal.Ml.Tests;

public sealed class BadRequestTests
{
    private readonly ChurnTrainer _trainer = new();

    private async Task<string> FailureOf(TrainingRequest request) =>
        (await Assert.ThrowsAsync<TrainingException>(() => _trainer.TrainAsync(request, ct: TestContext.Current.CancellationToken))).Message;

    [Fact]
    public async Task UnknownLabelColumnIsRefusedNamingTheColumns()
    {
        var message = await FailureOf(new SyntheticChurn().Request() with { LabelColumn = "cancelled" });

        Assert.Contains("'cancelled' is not in the dataset", message);
        Assert.Contains("churn", message);
    }

    [Fact]
    public async Task LabelWithThreeValuesIsNotBinary()
    {
        var message = await FailureOf(new SyntheticChurn().Label((i, c) => i % 3 == 0 ? "Maybe" : c ? "Yes" : "No").Request());

        Assert.Contains("not binary", message);
        Assert.Contains("3 distinct values", message);
    }

    [Fact]
    public async Task LabelWithOneClassIsRefused()
    {
        var message = await FailureOf(new SyntheticChurn().Label((_, _) => "No").Request());

        Assert.Contains("only one class", message);
    }

    [Fact]
    public async Task FewerThanFiftyRowsIsRefused()
    {
        var message = await FailureOf(new SyntheticChurn().Rows(49).Request());

        Assert.Contains("at least 50 labelled rows", message);
        Assert.Contains("49", message);
    }

    [Fact]
    public async Task UnrecognisedLabelPairNeedsAPositiveLabel()
    {
        var message = await FailureOf(new SyntheticChurn().Label((_, c) => c ? "left" : "stayed").Request());

        Assert.Contains("PositiveLabel", message);
    }

    [Fact]
    public async Task ParameterOutOfRangeNamesTheParameterAndItsRange()
    {
        var request = new SyntheticChurn().Request("lightgbm") with { Params = new Dictionary<string, double> { ["learningRate"] = 5 } };

        var message = await FailureOf(request);

        Assert.Contains("'learningRate'", message);
        Assert.Contains("between 0.001 and 1", message);
    }

    [Fact]
    public async Task FractionalTreeCountIsRefused()
    {
        var request = new SyntheticChurn().Request("fasttree") with { Params = new Dictionary<string, double> { ["numberOfTrees"] = 10.5 } };

        Assert.Contains("whole number", await FailureOf(request));
    }

    [Fact]
    public async Task UnknownParameterAndUnknownTrainerAreRefused()
    {
        var unknownParam = new SyntheticChurn().Request() with { Params = new Dictionary<string, double> { ["depth"] = 3 } };

        Assert.Contains("has no parameter 'depth'", await FailureOf(unknownParam));
        Assert.Contains("Unknown trainer 'xgboost'", await FailureOf(new SyntheticChurn().Request("xgboost")));
    }

    [Fact]
    public async Task IdColumnIsRefusedAsAFeature()
    {
        var request = new SyntheticChurn().Request() with { Features = ["customer_id", "tenure"] };

        var message = await FailureOf(request);

        Assert.Contains("'customer_id' is an Id column", message);
    }

    [Fact]
    public async Task LabelIsRefusedAsAFeature()
    {
        Assert.Contains("is the label", await FailureOf(new SyntheticChurn().Request() with { Features = ["churn"] }));
    }

    [Fact]
    public async Task FeatureThatAlonePredictsTheLabelIsExcludedWithAWarning()
    {
        var request = new SyntheticChurn().Extra(ColumnType.Real, (_, churned) => churned ? 1.0 : 0.0).Request();

        var result = await _trainer.TrainAsync(request, ct: TestContext.Current.CancellationToken);

        Assert.DoesNotContain("extra", result.Features);
        Assert.Contains(result.Warnings, w => w.Contains("'extra'") && w.Contains("leakage"));
        Assert.True(result.Test.RocAuc < 0.99);
    }

    [Fact]
    public async Task IdentifierLikeTextFeatureIsExcluded()
    {
        var request = new SyntheticChurn().Extra(ColumnType.Text, (i, _) => $"X{i}").Request();

        var result = await _trainer.TrainAsync(request, ct: TestContext.Current.CancellationToken);

        Assert.DoesNotContain("extra", result.Features);
        Assert.Contains(result.Warnings, w => w.Contains("'extra'"));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    public async Task ThresholdOutsideTheOpenUnitIntervalIsRefused(double threshold)
    {
        Assert.Contains("threshold", await FailureOf(new SyntheticChurn().Request() with { Threshold = threshold }));
    }

    [Fact]
    public async Task SplitRatiosThatDoNotAddUpAreRefused()
    {
        Assert.Contains("add up to 1", await FailureOf(new SyntheticChurn().Request() with { Split = new SplitRatios(0.7, 0.2, 0.2) }));
    }
}
