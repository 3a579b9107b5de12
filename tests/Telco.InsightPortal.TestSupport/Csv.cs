using System.Text;

namespace Telco.InsightPortal.TestSupport;

public static class Csv
{
    private const string MissingReason = "The IBM telco churn sample is not beside the project (../shared/data); it is never committed.";

    public static MemoryStream Stream(string text) => new(Encoding.UTF8.GetBytes(text));

    public static MemoryStream Stream(byte[] bytes) => new(bytes);

    /// <summary>The real IBM telco churn sample beside the project. Without it the test is skipped, except under CI
    /// (CI=true), where a missing file is a broken checkout and fails the test, as a missing PostgreSQL or Chromium does.</summary>
    public static string RequireTelcoChurnPath()
    {
        if (TelcoChurnPath() is { } path) return path;
        if (TelcoChurnMissingUnderCi(Environment.GetEnvironmentVariable("CI")) is { } failure) throw failure;
        Assert.Skip(MissingReason);
        return null!;
    }

    /// <summary>The failure for a missing sample when the CI variable has this value; null where the test may skip.</summary>
    public static InvalidOperationException? TelcoChurnMissingUnderCi(string? ci) => ci == "true" ? new(MissingReason) : null;

    /// <summary>The real IBM telco churn sample beside the project, or null when it is not there.</summary>
    public static string? TelcoChurnPath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data", "telco-customer-churn.csv");
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }
}
