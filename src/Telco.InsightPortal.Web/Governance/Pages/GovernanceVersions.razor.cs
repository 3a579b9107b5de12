using System.Globalization;
using Microsoft.AspNetCore.Components;

namespace Telco.InsightPortal.Web.Governance.Pages;

public sealed partial class GovernanceVersions
{
    [Parameter, EditorRequired] public required IReadOnlyList<VersionGovernance> Versions { get; set; }

    private readonly HashSet<long> _open = [];

    private bool IsOpen(VersionGovernance v) => _open.Contains(v.Version);

    private void Toggle(VersionGovernance v)
    {
        if (!_open.Remove(v.Version)) _open.Add(v.Version);
    }

    private static string RowId(VersionGovernance v) =>
        $"governance-{Uri.EscapeDataString(v.Model).Replace('%', '_')}-{v.Version.ToString(CultureInfo.InvariantCulture)}";

    private static string Threshold(VersionGovernance v) => v.Decision is { } d ? GovernanceView.Number(d.Threshold, "0.00") : "not set";

    /// <summary>The latest decided approval, or the pending one, in a few words; the details list them all.</summary>
    private static string ApprovalLine(VersionGovernance v)
    {
        var last = v.Approvals.LastOrDefault(a => a.DecidedBy is not null) ?? v.Approvals.LastOrDefault();
        if (last is null) return "none";
        return last.DecidedBy is { } by ? $"{last.Status} by {by}" : $"pending (asked by {last.RequestedBy})";
    }
}
