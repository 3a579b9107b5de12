using Telco.InsightPortal.Ml.Artifacts;
using Telco.InsightPortal.Ml.Tests.Support;

namespace Telco.InsightPortal.Ml.Tests;

/// <summary>The one path guard under the artifact root, on its own: what it refuses and why, and what it lets through.</summary>
public sealed class ArtifactPathTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Root => Directory.CreateDirectory(Path.Combine(_dir.Path, "artifacts")).FullName;

    [Theory]
    [InlineData("../secret.txt", "contains '..'")]
    [InlineData("run/../../secret.txt", "contains '..'")]
    [InlineData("/etc/passwd", "is absolute")]
    [InlineData("C:/Windows/win.ini", "is absolute")]
    [InlineData("run\\..\\secret.txt", "contains a backslash")]
    [InlineData("run/%2e%2e/%2e%2e/secret.txt", "percent-encoded traversal")]
    [InlineData("run/%252e%252e/%252e%252e/secret.txt", "percent-encoded traversal")]
    [InlineData("run/%2fetc%2fpasswd", "percent-encoded traversal")]
    [InlineData("run/model.zip\0.png", "NUL or control character")]
    [InlineData("run//model.zip", "empty folder name")]
    public void TraversalIsRefusedWithItsReason(string path, string reason)
    {
        var error = Assert.Throws<ArtifactPathException>(() => ArtifactPath.Resolve(Root, path));

        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void ALinkLeavingTheRootIsRefusedAndOneInsideIsFollowed()
    {
        var root = Root;
        var outside = Directory.CreateDirectory(Path.Combine(_dir.Path, "elsewhere")).FullName;
        Directory.CreateSymbolicLink(Path.Combine(root, "out"), outside);
        Directory.CreateDirectory(Path.Combine(root, "run-1"));
        Directory.CreateSymbolicLink(Path.Combine(root, "latest"), Path.Combine(root, "run-1"));

        var error = Assert.Throws<ArtifactPathException>(() => ArtifactPath.Resolve(root, "out/new.txt"));
        var inside = ArtifactPath.Resolve(root, "latest/model.zip");

        Assert.Contains("link that leaves the artifact root", error.Message);
        Assert.Equal(Path.Combine(root, "latest", "model.zip"), inside);
    }

    [Theory]
    [InlineData("model.zip")]
    [InlineData("plots/roc curve (test).png")]
    [InlineData("./model.zip")]
    [InlineData("100% done.txt")]
    public void OrdinaryNamesResolveUnderTheRoot(string path)
    {
        var resolved = ArtifactPath.Resolve(Root, path);

        Assert.StartsWith(Root + Path.DirectorySeparatorChar, resolved);
    }

    [Fact]
    public void NoPathIsTheRootItself() => Assert.Equal(Root, ArtifactPath.Resolve(Root, ""));
}
