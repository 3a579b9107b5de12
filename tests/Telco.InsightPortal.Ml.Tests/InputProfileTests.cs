using System.Globalization;
using System.Text.Json.Nodes;
using Telco.InsightPortal.Core.Data;
using Telco.InsightPortal.Ml.Artifacts;
using Telco.InsightPortal.Ml.Tests.Support;

namespace Telco.InsightPortal.Ml.Tests;

public sealed class InputProfileTests : IDisposable
{
    private readonly TempDirectory _root = new();

    public void Dispose() => _root.Dispose();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<ModelSignature> TrainAsync(string run, DatasetSchema schema, IReadOnlyList<object?[]> rows, string label)
    {
        var directory = Path.Combine(_root.Path, run);
        await new ChurnTrainer().TrainAsync(new TrainingRequest
        {
            Schema = schema, Rows = rows, LabelColumn = label, ArtifactDirectory = directory, ImportanceSampleRows = 200,
        }, ct: Ct);
        return ModelSignature.Read(Path.Combine(directory, ArtifactNames.Signature));
    }

    /// <summary>The rows the final model was fitted on: every row but the test split, which predictions.csv lists.</summary>
    private IReadOnlyList<object?[]> FittedRows(string run, IReadOnlyList<object?[]> rows)
    {
        var test = File.ReadLines(Path.Combine(_root.Path, run, ArtifactNames.Predictions)).Skip(1)
            .Select(line => int.Parse(line.Split(',')[0], CultureInfo.InvariantCulture)).ToHashSet();
        return [.. rows.Where((_, i) => !test.Contains(i))];
    }

    [Fact]
    public async Task IbmSignatureListsEachTextFeaturesFittedLevelsMostFrequentFirstAndNumberRanges()
    {
        var data = TelcoData.Get();

        var signature = await TrainAsync("ibm", data.Schema, data.Rows, "Churn");

        var fitted = FittedRows("ibm", data.Rows);
        var features = data.Schema.Columns.Where(c => c.Role == ColumnRole.Feature && c.Name != "Churn").ToList();
        Assert.Equal(features.Select(c => c.Name), signature.Profiles!.Select(p => p.Column));
        foreach (var c in features.Where(c => c.Type == ColumnType.Text))
        {
            var expected = fitted.GroupBy(r => (string)r[c.Ordinal]!).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => g.Key).ToList();
            Assert.Equal(expected, signature.Profile(c.Name)!.Levels);
            Assert.False(signature.Profile(c.Name)!.FreeText);
        }
        Assert.Equal(["Month-to-month", "Two year", "One year"], signature.Profile("Contract")!.Levels);
        Assert.Equal(["No", "Yes", "No internet service"], signature.Profile("OnlineSecurity")!.Levels);
        var tenure = signature.Profile("tenure")!;
        var tenures = fitted.Select(r => Convert.ToDouble(r[data.Schema.Find("tenure")!.Ordinal], CultureInfo.InvariantCulture)).Order().ToList();
        Assert.Equal((tenures[0], tenures[^1]), (tenure.Min, tenure.Max));
        Assert.Equal(Math.Floor((tenures[(tenures.Count - 1) / 2] + tenures[tenures.Count / 2]) / 2), tenure.Median);
        Assert.Null(tenure.Levels);
        // TotalCharges is blank where tenure is 0: blanks are left out of the range rather than read as 0.
        var totals = fitted.Select(r => r[data.Schema.Find("TotalCharges")!.Ordinal]).OfType<double>().ToList();
        Assert.Equal((totals.Min(), totals.Max()), (signature.Profile("TotalCharges")!.Min, signature.Profile("TotalCharges")!.Max));
    }

    [Fact]
    public async Task AnIdentifierTypedAsAFeatureIsFreeTextWithoutLevels()
    {
        var data = TelcoData.Get();
        var schema = new DatasetSchema([.. data.Schema.Columns.Select(c => c.Name == "customerID" ? c with { Role = ColumnRole.Feature } : c)]);

        var signature = await TrainAsync("ids", schema, data.Rows, "Churn");

        var profile = signature.Profile("customerID")!;
        Assert.True(profile.FreeText);
        Assert.Null(profile.Levels);
        Assert.Equal(FittedRows("ids", data.Rows).Count, profile.Distinct);
        Assert.Contains("customerID", signature.Inputs.Select(c => c.Name));
    }

    [Theory]
    [InlineData(InputProfile.MaxLevels, false)]
    [InlineData(InputProfile.MaxLevels + 1, true)]
    public async Task LevelsAreKeptUpToTheCapAndDroppedBeyondIt(int distinct, bool freeText)
    {
        var churn = new SyntheticChurn().Rows(1200).Extra(ColumnType.Text, (i, _) => $"plan-{i % distinct:D2}");

        var signature = await TrainAsync($"cap-{distinct}", churn.Schema, churn.Build(), "churn");

        var profile = signature.Profile("extra")!;
        Assert.Equal(distinct, profile.Distinct);
        Assert.Equal(freeText, profile.FreeText);
        Assert.Equal(freeText ? null : distinct, profile.Levels?.Count);
    }

    [Fact]
    public async Task BlankTextIsNotOfferedAsALevel()
    {
        var churn = new SyntheticChurn().Extra(ColumnType.Text, (i, _) => i % 4 == 0 ? null : i % 4 == 1 ? "  " : "fibre");

        var signature = await TrainAsync("blanks", churn.Schema, churn.Build(), "churn");

        Assert.Equal(["fibre"], signature.Profile("extra")!.Levels);
    }

    [Fact]
    public async Task ASignatureWrittenBeforeProfilesExistedStillLoads()
    {
        var churn = new SyntheticChurn();
        await TrainAsync("old", churn.Schema, churn.Build(), "churn");
        var path = Path.Combine(_root.Path, "old", ArtifactNames.Signature);
        var json = JsonNode.Parse(await File.ReadAllTextAsync(path, Ct))!.AsObject();
        Assert.True(json.Remove("profiles"));
        await File.WriteAllTextAsync(path, json.ToJsonString(), Ct);

        var signature = ModelSignature.Read(path);

        Assert.Null(signature.Profiles);
        Assert.Null(signature.Profile("contract"));
        Assert.Equal(["contract", "monthly", "tenure"], signature.Inputs.Select(c => c.Name).Order());
    }
}
