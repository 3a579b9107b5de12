using System.Globalization;

namespace Telco.InsightPortal.Core.Governance;

/// <summary>
/// Applies the configured policies to one version's facts. The policies are about Production: a version in Production
/// (or on its way there) is held to them; a version in None or Staging is checked for readiness (what would fail were it
/// promoted now); an Archived one is not checked. Pure: the facts and the time come in, the checks go out.
/// </summary>
public sealed class PolicyEvaluator(GovernanceOptions options)
{
    public const string Production = "Production";
    public const string Archived = "Archived";

    public GovernanceOptions Options => options;

    /// <summary>The checks of a version as it stands.</summary>
    public IReadOnlyList<PolicyCheck> Review(VersionFacts facts, DateTimeOffset now) => Evaluate(facts, now, promoting: false, approver: null);

    /// <summary>The checks of moving a version to Production: when the request is filed (<paramref name="approver"/>
    /// null) and when <paramref name="approver"/> approves it.</summary>
    public IReadOnlyList<PolicyCheck> Promotion(VersionFacts facts, DateTimeOffset now, string? approver) => Evaluate(facts, now, promoting: true, approver);

    private List<PolicyCheck> Evaluate(VersionFacts facts, DateTimeOffset now, bool promoting, string? approver)
    {
        var p = options.Policies;
        var checks = new List<PolicyCheck>();
        var archived = !promoting && facts.Stage == Archived;
        if (p.CompleteCard.Enabled) checks.Add(archived ? Skipped(PolicyNames.CompleteCard, p.CompleteCard) : Card(facts, p.CompleteCard));
        if (p.FourEyes.Enabled) checks.Add(archived ? Skipped(PolicyNames.FourEyes, p.FourEyes) : FourEyes(facts, promoting, approver, p.FourEyes));
        if (p.MinTestAuc.Enabled) checks.Add(archived ? Skipped(PolicyNames.MinTestAuc, p.MinTestAuc) : Auc(facts, p.MinTestAuc));
        if (p.NoStaleDriftAlert.Enabled)
            checks.Add(archived ? Skipped(PolicyNames.NoStaleDriftAlert, p.NoStaleDriftAlert) : Drift(facts, now, p.NoStaleDriftAlert));
        return checks;
    }

    private static PolicyCheck Skipped(string name, PolicySwitch policy) =>
        new(name, PolicyOutcome.NotApplicable, "Archived versions are not checked.", policy.Blocking);

    private static PolicyCheck Card(VersionFacts facts, PolicySwitch policy) => facts.Card.Complete
        ? new(PolicyNames.CompleteCard, PolicyOutcome.Passed, $"The model card has all {facts.Card.Total} sections.", policy.Blocking)
        : new(PolicyNames.CompleteCard, PolicyOutcome.Failed,
            $"The model card lacks {Join(facts.Card.Missing)} ({facts.Card.Present} of {facts.Card.Total} sections).", policy.Blocking);

    private static PolicyCheck FourEyes(VersionFacts facts, bool promoting, string? approver, PolicySwitch policy)
    {
        string? decider;
        if (promoting)
        {
            if (approver is null)
                return new(PolicyNames.FourEyes, PolicyOutcome.NotApplicable, "Checked when the request to Production is approved.", policy.Blocking);
            decider = approver;
        }
        else if (facts.Stage != Production)
        {
            return new(PolicyNames.FourEyes, PolicyOutcome.NotApplicable, "Applies once the version is approved for Production.", policy.Blocking);
        }
        else
        {
            decider = facts.Approvals
                .Where(a => a is { TargetKind: "stage", Target: Production, Status: "approved" })
                .OrderByDescending(a => a.DecidedAt).FirstOrDefault()?.DecidedBy;
            if (decider is null)
                return new(PolicyNames.FourEyes, PolicyOutcome.Failed, "The version is in Production without an approved request.", policy.Blocking);
        }
        return string.Equals(decider, facts.CreatedBy, StringComparison.OrdinalIgnoreCase)
            ? new(PolicyNames.FourEyes, PolicyOutcome.Failed, $"Approved by {decider}, who created the version.", policy.Blocking)
            : new(PolicyNames.FourEyes, PolicyOutcome.Passed, $"Approved by {decider}; created by {facts.CreatedBy}.", policy.Blocking);
    }

    private static PolicyCheck Auc(VersionFacts facts, AucFloorPolicy policy)
    {
        var floor = policy.Floor.ToString("0.###", CultureInfo.InvariantCulture);
        if (facts.TestAuc is not { } auc || double.IsNaN(auc))
            return new(PolicyNames.MinTestAuc, PolicyOutcome.Failed, $"The run recorded no test AUC (floor {floor}).", policy.Blocking);
        var text = auc.ToString("0.###", CultureInfo.InvariantCulture);
        return auc > policy.Floor
            ? new(PolicyNames.MinTestAuc, PolicyOutcome.Passed, $"Test AUC {text} is above the floor {floor}.", policy.Blocking)
            : new(PolicyNames.MinTestAuc, PolicyOutcome.Failed, $"Test AUC {text} is not above the floor {floor}.", policy.Blocking);
    }

    private static PolicyCheck Drift(VersionFacts facts, DateTimeOffset now, DriftAgePolicy policy)
    {
        if (facts.Deployments.Count == 0)
            return new(PolicyNames.NoStaleDriftAlert, PolicyOutcome.NotApplicable, "No deployment serves the version, so nothing monitors it.", policy.Blocking);
        var cutoff = now.AddDays(-policy.MaxAgeDays).ToUnixTimeMilliseconds();
        var stale = facts.OpenDriftAlerts.Where(a => a.OpenedAt < cutoff).OrderBy(a => a.OpenedAt).ToList();
        if (stale.Count == 0)
        {
            var open = facts.OpenDriftAlerts.Count;
            return new(PolicyNames.NoStaleDriftAlert, PolicyOutcome.Passed, open == 0
                ? $"No open drift alert on {Join(facts.Deployments)}."
                : $"{Count(open, "open drift alert")} on {Join(facts.Deployments)}, none older than {Count(policy.MaxAgeDays, "day")}.", policy.Blocking);
        }
        var oldest = stale[0];
        var days = (int)((now.ToUnixTimeMilliseconds() - oldest.OpenedAt) / 86_400_000);
        var what = oldest.Feature is { } f ? $"on {f}" : "";
        return new(PolicyNames.NoStaleDriftAlert, PolicyOutcome.Failed,
            $"{Count(stale.Count, "drift alert")} open for more than {Count(policy.MaxAgeDays, "day")}; the oldest ({oldest.Deployment}{(what == "" ? "" : " " + what)}) is {Count(days, "day")} old.",
            policy.Blocking);
    }

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n.ToString(CultureInfo.InvariantCulture)} {noun}s";

    private static string Join(IReadOnlyList<string> items) => items.Count switch
    {
        0 => "",
        1 => items[0],
        _ => string.Join(", ", items.Take(items.Count - 1)) + " and " + items[^1],
    };
}
