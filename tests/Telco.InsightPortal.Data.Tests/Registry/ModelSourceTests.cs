using Telco.InsightPortal.Data.Registry;
using Telco.InsightPortal.Data.Tracking;

namespace Telco.InsightPortal.Data.Tests.Registry;

/// <summary>Sources that could reach outside the run's artifact folder (MLflow's CVE-2023-1177 family) are refused before any file is read.</summary>
public sealed class ModelSourceTests : IDisposable
{
    private const string RunId = "0123456789abcdef0123456789abcdef";
    private readonly string _root = Path.Combine(Path.GetTempPath(), "telco-tests", Guid.NewGuid().ToString("N"), "artifacts");

    public ModelSourceTests()
    {
        Directory.CreateDirectory(Path.Combine(_root, "runs", RunId));
        File.WriteAllText(Path.Combine(_root, "runs", RunId, "model.zip"), "zip");
        Directory.CreateDirectory(Path.Combine(_root, "runs", "other"));
        File.WriteAllText(Path.Combine(_root, "runs", "other", "model.zip"), "zip");
        File.WriteAllText(Path.Combine(_root, "secret.zip"), "zip");
    }

    [Theory]
    [InlineData("runs:/" + RunId + "/model")]
    [InlineData("runs:/" + RunId + "/model.zip")]
    [InlineData("runs:/" + RunId)]
    [InlineData("runs:/" + RunId + "/")]
    [InlineData("mlflow-artifacts:/0/" + RunId + "/artifacts/model.zip")]
    [InlineData("mlflow-artifacts:/0/" + RunId + "/artifacts")]
    public void RunSourcesResolveToTheRunsModelZip(string source)
    {
        var resolved = ModelSources.Resolve(source, _root);

        Assert.Equal((RunId, $"runs/{RunId}/model.zip", "model.zip"), (resolved.RunId, resolved.ModelPath, resolved.FileInRun));
        Assert.Equal(Path.Combine(_root, "runs", RunId, "model.zip"), resolved.FullPath);
    }

    [Theory]
    [InlineData("file:///etc/passwd", "use runs:/")]
    [InlineData("/etc/passwd", "use runs:/")]
    [InlineData("s3://bucket/model.zip", "use runs:/")]
    [InlineData("http://evil/model.zip", "use runs:/")]
    [InlineData("runs:/" + RunId + "/../other/model.zip", "segment '..'")]
    [InlineData("runs:/" + RunId + "/../../secret.zip", "segment '..'")]
    [InlineData("runs:/../secret.zip", "use runs:/")]
    [InlineData("runs:/" + RunId + "/%2e%2e/other/model.zip", "percent-encoded")]
    [InlineData("runs:/" + RunId + "/%252e%252e/secret.zip", "percent-encoded")]
    [InlineData("runs:/" + RunId + "/..%2fsecret.zip", "percent-encoded")]
    [InlineData("runs:/" + RunId + "/..\\..\\secret.zip", "backslashes")]
    [InlineData("runs:/" + RunId + "//etc/passwd", "use runs:/")]
    [InlineData("runs:/" + RunId + "/./model.zip", "segment '.'")]
    [InlineData("mlflow-artifacts:/0/" + RunId + "/artifacts/../../secret.zip", "segment '..'")]
    [InlineData("runs:/" + RunId + "/metrics.json", "does not name a model zip")]
    [InlineData("runs:/" + RunId + "/model\u0000.zip", "control characters")]
    public void SourcesThatCouldLeaveTheRunsFolderAreRefused(string source, string reason)
    {
        var error = Assert.Throws<TrackingException>(() => ModelSources.Resolve(source, _root));

        Assert.Equal(TrackingErrors.InvalidParameter, error.ErrorCode);
        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void ARunWithoutAModelZipIsRefusedByName()
    {
        var error = Assert.Throws<TrackingException>(() => ModelSources.Resolve("runs:/no-such-run/model", _root));

        Assert.Contains("Run 'no-such-run' has no model zip at 'model.zip'", error.Message);
    }

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(_root)!, recursive: true);
}
