namespace Telco.InsightPortal.TestSupport;

public static class RepoPaths
{
    /// <summary>The repository root (the folder holding Telco.InsightPortal.sln), whose appsettings.json
    /// and wwwroot the portal uses.</summary>
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Telco.InsightPortal.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("Telco.InsightPortal.sln not found above " + AppContext.BaseDirectory);
    }
}
