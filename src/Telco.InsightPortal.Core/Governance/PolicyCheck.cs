namespace Telco.InsightPortal.Core.Governance;

public enum PolicyOutcome
{
    Passed,
    Failed,
    NotApplicable,
}

/// <summary>The names the policies are known by, in configuration, the API and the page.</summary>
public static class PolicyNames
{
    public const string CompleteCard = "CompleteCard";
    public const string FourEyes = "FourEyes";
    public const string MinTestAuc = "MinTestAuc";
    public const string NoStaleDriftAlert = "NoStaleDriftAlert";

    public static string Title(string name) => name switch
    {
        CompleteCard => "Complete model card",
        FourEyes => "Approved by another person",
        MinTestAuc => "Test AUC above floor",
        NoStaleDriftAlert => "No stale drift alert",
        _ => name,
    };
}

/// <summary>One policy's verdict on one version, with the sentence that says why; <see cref="Blocking"/> when the
/// configuration lets a failure of it refuse promotion.</summary>
public sealed record PolicyCheck(string Name, PolicyOutcome Outcome, string Reason, bool Blocking)
{
    public string Title => PolicyNames.Title(Name);

    public bool Blocks => Outcome == PolicyOutcome.Failed && Blocking;
}
