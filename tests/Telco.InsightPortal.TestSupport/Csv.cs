using System.Text;

namespace Telco.InsightPortal.TestSupport;

public static class Csv
{
    public static MemoryStream Stream(string text) => new(Encoding.UTF8.GetBytes(text));

    public static MemoryStream Stream(byte[] bytes) => new(bytes);

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
