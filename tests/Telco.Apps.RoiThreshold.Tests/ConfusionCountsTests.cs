namespace Telco.Apps.RoiThreshold.Tests;

public sealed class ConfusionCountsTests
{
    [Fact]
    public void AThresholdBetweenScoresCountsEachCellByHand()
    {
        // At 0.5 the top four (0.9 1, 0.8 1, 0.7 0, 0.6 1) are predicted positive: TP = 3, FP = 1.
        // The bottom four (0.4 0, 0.3 0, 0.2 1, 0.1 0) are predicted negative: TN = 3, FN = 1.
        var counts = HandWorkedExample.Curve().At(0.5);

        Assert.Equal(new ConfusionCounts(TruePositives: 3, FalsePositives: 1, TrueNegatives: 3, FalseNegatives: 1), counts);
        // accuracy (3 + 3) / 8 = 0.75; precision 3 / (3 + 1) = 0.75; recall 3 / (3 + 1) = 0.75; F1 2·3 / (2·3 + 1 + 1) = 0.75.
        Assert.Equal(0.75, counts.Accuracy);
        Assert.Equal(0.75, counts.Precision);
        Assert.Equal(0.75, counts.Recall);
        Assert.Equal(0.75, counts.F1);
    }

    [Fact]
    public void AThresholdEqualToAScorePredictsThatScorePositive()
    {
        // At 0.7 (score >= threshold) the rows 0.9 1, 0.8 1, 0.7 0 are positive: TP = 2, FP = 1; TN = 4 − 1 = 3, FN = 4 − 2 = 2.
        var counts = HandWorkedExample.Curve().At(0.7);

        Assert.Equal(new ConfusionCounts(2, 1, 3, 2), counts);
        // precision 2/3, recall 2/4, F1 2·2 / (4 + 1 + 2) = 4/7.
        Assert.Equal(2.0 / 3, counts.Precision);
        Assert.Equal(0.5, counts.Recall);
        Assert.Equal(4.0 / 7, counts.F1);
    }

    [Fact]
    public void NetValueAddsValuesAndSubtractsCostsByHand()
    {
        var counts = new ConfusionCounts(TruePositives: 3, FalsePositives: 1, TrueNegatives: 3, FalseNegatives: 1);

        // Default: 3·500 + 3·0 − 1·100 − 1·0 = 1400.
        Assert.Equal(1400, counts.NetValue(CostMatrix.ChurnDefault));
        // 3·500 + 3·10 − 1·100 − 1·50 = 1500 + 30 − 100 − 50 = 1380.
        Assert.Equal(1380, counts.NetValue(new CostMatrix(500, 10, 100, 50)));
    }

    [Fact]
    public void RatiosWithNothingInTheirDenominatorAreNull()
    {
        // No one predicted positive and no positives at all: precision 0/0, recall 0/0, F1 0/0; accuracy 5/5.
        var allNegative = new ConfusionCounts(0, 0, 5, 0);
        Assert.Null(allNegative.Precision);
        Assert.Null(allNegative.Recall);
        Assert.Null(allNegative.F1);
        Assert.Equal(1.0, allNegative.Accuracy);

        Assert.Null(default(ConfusionCounts).Accuracy);
    }

    [Fact]
    public void PredictingNoOneWhenPositivesExistHasZeroRecallAndF1ButNoPrecision()
    {
        // TP 0, FP 0, TN 3, FN 2: precision 0/0 is null, recall 0/2 = 0, F1 0 / (0 + 0 + 2) = 0.
        var counts = new ConfusionCounts(0, 0, 3, 2);

        Assert.Null(counts.Precision);
        Assert.Equal(0.0, counts.Recall);
        Assert.Equal(0.0, counts.F1);
    }

    [Fact]
    public void TheDefaultCostsMakePredictingNoOneWorthNothing()
    {
        var none = HandWorkedExample.Curve().At(1.5);

        Assert.Equal(new ConfusionCounts(0, 0, 4, 4), none);
        Assert.Equal(0, none.NetValue(CostMatrix.ChurnDefault));
    }
}
