namespace Telco.InsightPortal.Ml.Tests.Support;

public sealed class TempDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("telco-ml-").FullName;

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
