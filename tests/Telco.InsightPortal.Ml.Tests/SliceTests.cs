using System.Text.Json;
using Telco.InsightPortal.Ml.Artifacts;
using Telco.InsightPortal.Ml.Evaluation;
using Telco.InsightPortal.Ml.Tests.Support;

namespace Telco.InsightPortal.Ml.Tests;

public sealed class SliceTests : IDisposable
{
    private readonly TempDirectory _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task SlicesOfTheRealTelcoTestSplitAddUpAndNameTheSmallOnes()
    {
        var data = TelcoData.Get();
        var run = Path.Combine(_root.Path, "run");

        var result = await new ChurnTrainer().TrainAsync(new TrainingRequest { Schema = data.Schema, Rows = data.Rows, LabelColumn = "Churn", ArtifactDirectory = run },
            ct: TestContext.Current.CancellationToken);

        await using var stream = File.OpenRead(Path.Combine(run, ArtifactNames.Slices));
        var slices = (await JsonSerializer.DeserializeAsync<List<SliceColumn>>(stream, new JsonSerializerOptions(JsonSerializerDefaults.Web),
            TestContext.Current.CancellationToken))!;
        Assert.Equal(["gender", "SeniorCitizen", "Contract"], slices.Take(3).Select(s => s.Column));
        Assert.Contains(slices, s => s.Column == "PaymentMethod");
        Assert.DoesNotContain(slices, s => s.Column is "customerID" or "tenure" or "Churn");
        foreach (var column in slices)
        {
            Assert.Equal(result.Test.Rows, column.Slices.Sum(s => s.Rows));
            Assert.Equal(result.Test.Positives, column.Slices.Sum(s => s.Positives));
        }
        Assert.Equal(["0", "1"], slices.Single(s => s.Column == "SeniorCitizen").Slices.Select(s => s.Value));
        Assert.Equal(["Month-to-month", "One year", "Two year"], slices.Single(s => s.Column == "Contract").Slices.Select(s => s.Value));
        var female = slices[0].Slices.Single(s => s.Value == "Female");
        Assert.InRange(female.RocAuc!.Value, 0.75, 0.95);
        Assert.InRange(female.Accuracy, 0.6, 1.0);
    }

    [Fact]
    public async Task ASliceWithTooFewRowsOfAClassHasNoAucAndSaysWhy()
    {
        var data = TelcoData.Get();
        var run = Path.Combine(_root.Path, "small");
        // 300 rows leave a test split of about 60, so some Contract slices hold fewer than five churners.
        var request = new TrainingRequest { Schema = data.Schema, Rows = data.Rows.Take(300).ToList(), LabelColumn = "Churn", ArtifactDirectory = run };

        await new ChurnTrainer().TrainAsync(request, ct: TestContext.Current.CancellationToken);

        await using var stream = File.OpenRead(Path.Combine(run, ArtifactNames.Slices));
        var slices = (await JsonSerializer.DeserializeAsync<List<SliceColumn>>(stream, new JsonSerializerOptions(JsonSerializerDefaults.Web),
            TestContext.Current.CancellationToken))!;
        var small = slices.SelectMany(c => c.Slices).Where(s => Math.Min(s.Positives, s.Rows - s.Positives) < SliceEvaluator.MinPerClassForAuc).ToList();
        Assert.NotEmpty(small);
        Assert.All(small, s => Assert.Null(s.RocAuc));
        Assert.All(small, s => Assert.StartsWith("Too small for ROC AUC", s.Note));
        Assert.All(slices.SelectMany(c => c.Slices).Except(small), s => Assert.NotNull(s.RocAuc));
    }
}
