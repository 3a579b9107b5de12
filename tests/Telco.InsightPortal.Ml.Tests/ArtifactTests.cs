using System.Security.Cryptography;
using System.Text.Json;
using Telco.InsightPortal.Ml.Artifacts;
using Telco.InsightPortal.Ml.Tests.Support;

namespace Telco.InsightPortal.Ml.Tests;

public sealed class ArtifactTests : IDisposable
{
    private readonly TempDirectory _root = new();

    public void Dispose() => _root.Dispose();

    private async Task<TrainingResult> TrainIntoAsync(string directory, string trainer = "logistic") =>
        await new ChurnTrainer().TrainAsync(new SyntheticChurn().Request(trainer) with { ArtifactDirectory = directory },
            ct: TestContext.Current.CancellationToken);

    [Fact]
    public async Task EveryArtifactExistsAndItsHashMatchesTheFile()
    {
        var run = Path.Combine(_root.Path, "run-1");

        var result = await TrainIntoAsync(run);

        string[] expected = [ArtifactNames.Model, ArtifactNames.Metrics, ArtifactNames.Roc, ArtifactNames.PrecisionRecall, ArtifactNames.Confusion,
            ArtifactNames.Importance, ArtifactNames.Calibration, ArtifactNames.Predictions, ArtifactNames.Signature, ArtifactNames.Slices];
        Assert.Equal(expected.Order(), result.Artifacts.Select(a => a.Name).Order());
        foreach (var a in result.Artifacts)
            Assert.Equal(a.Sha256, Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(a.Path, TestContext.Current.CancellationToken))));
        Assert.Equal(expected.Order(), Directory.GetFiles(run).Select(Path.GetFileName).Order());
    }

    [Fact]
    public async Task PredictionsCoverTheTestSplitWithIdsAndConfusionAddsUp()
    {
        var run = Path.Combine(_root.Path, "run-2");

        var result = await TrainIntoAsync(run);

        var lines = await File.ReadAllLinesAsync(Path.Combine(run, ArtifactNames.Predictions), TestContext.Current.CancellationToken);
        Assert.Equal("row,id,label,probability", lines[0]);
        Assert.Equal(result.Test.Rows, lines.Length - 1);
        Assert.StartsWith("C", lines[1].Split(',')[1]);
        using var confusion = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(run, ArtifactNames.Confusion), TestContext.Current.CancellationToken));
        var c = confusion.RootElement;
        Assert.Equal(result.Test.Rows, c.GetProperty("truePositives").GetInt32() + c.GetProperty("falsePositives").GetInt32()
            + c.GetProperty("trueNegatives").GetInt32() + c.GetProperty("falseNegatives").GetInt32());
    }

    [Fact]
    public async Task SignatureRoundTripsTheTrainedSchemaAndLabels()
    {
        var run = Path.Combine(_root.Path, "run-4");
        var request = new SyntheticChurn().Request("logistic") with { ArtifactDirectory = run };

        await new ChurnTrainer().TrainAsync(request, ct: TestContext.Current.CancellationToken);

        var signature = ModelSignature.Read(Path.Combine(run, ArtifactNames.Signature));
        Assert.Equal(request.Schema.Columns, signature.Schema.Columns);
        Assert.Equal(request.LabelColumn, signature.LabelColumn);
        Assert.NotEqual(signature.PositiveLabel, signature.NegativeLabel);
        Assert.Equal(["contract", "monthly", "tenure"], signature.Inputs.Select(c => c.Name).Order());
        Assert.Throws<ModelLoadException>(() => ModelSignature.Read(Path.Combine(run, ArtifactNames.Roc)));
    }

    [Fact]
    public async Task ImportanceIsInInputColumnTerms()
    {
        var run = Path.Combine(_root.Path, "run-3");

        await TrainIntoAsync(run);

        using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(run, ArtifactNames.Importance), TestContext.Current.CancellationToken));
        var columns = doc.RootElement.EnumerateArray().Select(e => e.GetProperty("column").GetString()).ToList();
        Assert.Equal(["contract", "monthly", "tenure"], columns.Order());
    }

    [Fact]
    public async Task LoaderLoadsAModelWhoseHashMatches()
    {
        var result = await TrainIntoAsync(Path.Combine(_root.Path, "run-4"));

        var loaded = new ModelLoader(_root.Path).Load("run-4/model.zip", result.Model!.Sha256);

        Assert.Equal(result.Model.Sha256, loaded.Sha256);
    }

    [Fact]
    public async Task LoaderRefusesATamperedZip()
    {
        var result = await TrainIntoAsync(Path.Combine(_root.Path, "run-5"));
        await using (var file = File.OpenWrite(result.Model!.Path))
        {
            file.Seek(-1, SeekOrigin.End);
            file.WriteByte(0x42);
        }

        var e = Assert.Throws<ModelLoadException>(() => new ModelLoader(_root.Path).Load("run-5/model.zip", result.Model.Sha256));

        Assert.Contains("does not match its recorded SHA-256", e.Message);
    }

    [Fact]
    public void LoaderRefusesPathsThatLeaveTheRoot()
    {
        var loader = new ModelLoader(Path.Combine(_root.Path, "artifacts"));
        Directory.CreateDirectory(Path.Combine(_root.Path, "artifacts"));
        File.WriteAllText(Path.Combine(_root.Path, "outside.zip"), "x");

        Assert.Contains("'..'", Assert.Throws<ModelLoadException>(() => loader.Load("../outside.zip", "00")).Message);
        Assert.Contains("'..'", Assert.Throws<ModelLoadException>(() => loader.Load("run/../../outside.zip", "00")).Message);
        Assert.Contains("outside the artifact root", Assert.Throws<ModelLoadException>(() => loader.Load(Path.Combine(_root.Path, "outside.zip"), "00")).Message);
        Assert.Contains("outside the artifact root", Assert.Throws<ModelLoadException>(() => loader.Load("/etc/passwd", "00")).Message);
    }

    [Fact]
    public void LoaderRefusesSymlinksThatEscapeTheRoot()
    {
        var root = Path.Combine(_root.Path, "artifacts");
        Directory.CreateDirectory(root);
        var outsideDir = Directory.CreateDirectory(Path.Combine(_root.Path, "elsewhere")).FullName;
        File.WriteAllText(Path.Combine(outsideDir, "model.zip"), "x");
        File.CreateSymbolicLink(Path.Combine(root, "model.zip"), Path.Combine(outsideDir, "model.zip"));
        Directory.CreateSymbolicLink(Path.Combine(root, "run"), outsideDir);
        var loader = new ModelLoader(root);

        Assert.Contains("link", Assert.Throws<ModelLoadException>(() => loader.Load("model.zip", "00")).Message);
        Assert.Contains("link", Assert.Throws<ModelLoadException>(() => loader.Load("run/model.zip", "00")).Message);
    }

    [Fact]
    public void AtomicWriteLeavesNoTempFileAndReplacesTheTarget()
    {
        AtomicFile.Write(_root.Path, "a.txt", s => s.Write("first"u8));

        var second = AtomicFile.Write(_root.Path, "a.txt", s => s.Write("second"u8));

        Assert.Equal(["a.txt"], Directory.GetFiles(_root.Path).Select(Path.GetFileName));
        Assert.Equal("second", File.ReadAllText(second.Path));
        Assert.Equal(6, second.Bytes);
    }

    [Fact]
    public void FailedAtomicWriteLeavesNothingBehind()
    {
        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(_root.Path, "b.txt", _ => throw new InvalidOperationException()));

        Assert.Empty(Directory.GetFiles(_root.Path));
    }
}
