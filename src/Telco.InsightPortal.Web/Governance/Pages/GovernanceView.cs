using System.Globalization;
using MudBlazor;
using Telco.InsightPortal.Core.Governance;

namespace Telco.InsightPortal.Web.Governance.Pages;

/// <summary>How the governance page words and colours what it shows.</summary>
public static class GovernanceView
{
    public static Color Colour(PolicyOutcome outcome) => outcome switch
    {
        PolicyOutcome.Passed => Color.Success,
        PolicyOutcome.Failed => Color.Error,
        _ => Color.Default,
    };

    public static string Word(PolicyOutcome outcome) => outcome switch
    {
        PolicyOutcome.Passed => "pass",
        PolicyOutcome.Failed => "fail",
        _ => "n/a",
    };

    public static string Icon(PolicyOutcome outcome) => outcome switch
    {
        PolicyOutcome.Passed => Icons.Material.Filled.CheckCircle,
        PolicyOutcome.Failed => Icons.Material.Filled.Cancel,
        _ => Icons.Material.Filled.RemoveCircleOutline,
    };

    /// <summary>A chip's label: short, so four fit in a table cell; the full title is in its accessible name.</summary>
    public static string Short(string policy) => policy switch
    {
        PolicyNames.CompleteCard => "Card",
        PolicyNames.FourEyes => "Four eyes",
        PolicyNames.MinTestAuc => "AUC",
        PolicyNames.NoStaleDriftAlert => "Drift",
        _ => policy,
    };

    public static string Time(long? ms) => ms is { } t
        ? DateTimeOffset.FromUnixTimeMilliseconds(t).UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC"
        : "—";

    public static string Number(double? value, string format = "0.000") =>
        value is { } v && double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "—";

    public static string Card(CardSummary card) => $"{card.Present}/{card.Total}";

    public static string Missing(CardSummary card) => card.Missing.Count == 0 ? "complete" : "missing " + string.Join(", ", card.Missing);

    public static string Slices(SliceSummary? slices) => slices is null ? "none"
        : slices.LowestAuc is { } auc ? $"{slices.Columns.Count} columns; lowest AUC {Number(auc)} ({slices.LowestSlice})"
        : $"{slices.Columns.Count} columns; no slice large enough for an AUC";

    public static string Drift(DriftSummary drift) => !drift.Monitored ? "not deployed"
        : drift.OpenAlerts.Count == 0 ? $"no open drift alert on {string.Join(", ", drift.Deployments)}"
        : $"{drift.OpenAlerts.Count} open drift alert{(drift.OpenAlerts.Count == 1 ? "" : "s")}, oldest {Time(drift.OpenAlerts.Min(a => a.OpenedAt))}";

    public static string Approval(ApprovalFact a) =>
        $"{(a.TargetKind == "stage" ? "stage " : "@")}{a.Target}: requested by {a.RequestedBy} {Time(a.RequestedAt)}"
        + (a.DecidedBy is null ? " — pending" : $" — {a.Status} by {a.DecidedBy} {Time(a.DecidedAt)}");

    public static string Policies(GovernancePolicies p)
    {
        var parts = new List<string>();
        void Add(string name, PolicySwitch s, string extra = "")
        {
            if (s.Enabled) parts.Add($"{PolicyNames.Title(name)}{extra} ({(s.Blocking ? "blocks promotion" : "reports only")})");
        }
        Add(PolicyNames.CompleteCard, p.CompleteCard);
        Add(PolicyNames.FourEyes, p.FourEyes);
        Add(PolicyNames.MinTestAuc, p.MinTestAuc, $" {Number(p.MinTestAuc.Floor, "0.###")}");
        Add(PolicyNames.NoStaleDriftAlert, p.NoStaleDriftAlert, $" within {p.NoStaleDriftAlert.MaxAgeDays} days");
        return parts.Count == 0 ? "No policy is enabled." : "Policies: " + string.Join("; ", parts) + ".";
    }
}
