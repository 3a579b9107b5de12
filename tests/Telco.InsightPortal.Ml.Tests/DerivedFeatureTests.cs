using Microsoft.ML.Data;
using Telco.InsightPortal.Ml.Artifacts;
using Telco.InsightPortal.Ml.Data;
using Telco.InsightPortal.Ml.Scoring;
using Telco.InsightPortal.Ml.Tests.Support;

namespace Telco.InsightPortal.Ml.Tests;

public sealed class DerivedFeatureTests : IDisposable
{
    private static readonly string[] Derived =
        ["tenure:bucket", "tenure:log", "Contract:by_tenure", "MonthlyCharges:bucket", "TotalCharges:per_tenure_month",
         "MonthlyCharges:above_average", "TotalCharges:vs_expected", "services:count"];

    private readonly TempDirectory _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public void DerivedFeaturesAreComputedFromTheRawValuesOfEachRow()
    {
        // customerID … TotalCharges, Churn: a new customer with phone, fiber and three add-ons, and a two-year DSL-only one
        // who now pays more than the average of his 30 months.
        object?[][] rows =
        [
            ["A", "Male", 0L, "No", "No", 0L, "Yes", "No", "Fiber optic", "Yes", "No", "Yes", "No", "Yes", "No", "Month-to-month", "Yes", "Electronic check", 95.5, null, null],
            ["B", "Female", 1L, "Yes", "No", 30L, "No", "No phone service", "DSL", "No", "No", "No", "No", "No", "No", "Two year", "No", "Mailed check", 50.0, 1200.0, null],
        ];
        var table = ColumnarTable.Load(GeneratedTelco.Schema, rows, label: null, positiveLabel: null, TestContext.Current.CancellationToken);

        var view = new TableDataView(table, [0, 1]);

        Assert.Equal([5f, 1f], view.GetColumn<float>("services:count"));
        Assert.Equal([0f, MathF.Log(31)], view.GetColumn<float>("tenure:log"));
        Assert.Equal(["Month-to-month / 0-6", "Two year / 25-48"], view.GetColumn<ReadOnlyMemory<char>>("Contract:by_tenure").Select(t => t.ToString()));
        Assert.Equal(["90-100", "45-60"], view.GetColumn<ReadOnlyMemory<char>>("MonthlyCharges:bucket").Select(t => t.ToString()));
        Assert.Equal([1f, 0.8f], view.GetColumn<float>("TotalCharges:vs_expected"));
    }

    [Fact]
    public async Task TheSavedModelTakesDerivedFeaturesThatScoringComputesFromRawRows()
    {
        var request = GeneratedTelco.Request("logistic") with { ArtifactDirectory = Path.Combine(_root.Path, "run") };
        var rows = (IReadOnlyList<object?[]>)request.Rows;

        var result = await new ChurnTrainer().TrainAsync(request, ct: TestContext.Current.CancellationToken);
        var loaded = new ModelLoader(_root.Path).Load("run/model.zip", result.Model!.Sha256);
        var predictions = File.ReadLines(Path.Combine(_root.Path, "run", ArtifactNames.Predictions)).Skip(1).Select(l => l.Split(',')).ToList();
        var raw = predictions.Select(p => rows[int.Parse(p[0])]).ToList();
        var scored = new ChurnScorer(loaded.Model, request.Schema).Score(raw, TestContext.Current.CancellationToken);

        Assert.Subset(result.Features.ToHashSet(), Derived.ToHashSet());
        Assert.All(Derived, name => Assert.NotNull(loaded.InputSchema.GetColumnOrNull(name)));
        Assert.Equal(predictions.Select(p => float.Parse(p[3])), scored, (a, b) => Math.Abs(a - b) < 1e-5);
    }

    [Fact]
    public async Task ALinearModelsContributionsStayExactWithDerivedFeaturesSharedAmongTheirInputs()
    {
        var request = GeneratedTelco.Request("logistic") with { ArtifactDirectory = _root.Path };
        var result = await new ChurnTrainer().TrainAsync(request, ct: TestContext.Current.CancellationToken);
        var scorer = new ChurnScorer(new ModelLoader(_root.Path).Load("model.zip", result.Model!.Sha256).Model, request.Schema);

        var explanations = scorer.ExplainRows(((IReadOnlyList<object?[]>)request.Rows).Take(20).ToList(), TestContext.Current.CancellationToken);

        var inputs = request.Schema.Columns.Where(c => c.Role == Core.Data.ColumnRole.Feature).Select(c => c.Name).ToHashSet();
        Assert.All(explanations, e => Assert.Subset(inputs, e.Contributions.Select(c => c.Column).ToHashSet()));
        Assert.All(explanations, e => Assert.Equal(e.Score, e.Bias!.Value + e.Contributions.Sum(c => c.Contribution), 1e-3));
    }
}
