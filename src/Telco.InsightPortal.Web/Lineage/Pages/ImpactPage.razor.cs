using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using Telco.InsightPortal.Core.Lineage;
using Telco.InsightPortal.Data.Lineage;

namespace Telco.InsightPortal.Web.Lineage.Pages;

/// <summary>"This snapshot is bad": what was built on it, by kind, with the predictions each affected deployment logged;
/// a CSV of the same rows, a printable page (the browser's print, with the buttons hidden by the print style), and for
/// roles that may change monitoring, alerts on every affected deployment. Reading only, until that action.</summary>
public sealed partial class ImpactPage
{
    [Parameter] public long SnapshotId { get; set; }
    [Inject] private ImpactAnalysis Analysis { get; set; } = default!;
    [Inject] private IJSRuntime Js { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;

    private ImpactReport? _report;
    private string? _problem;
    private string _generated = "";

    protected override async Task OnParametersSetAsync()
    {
        _report = null;
        _problem = null;
        _report = await Analysis.OfSnapshotAsync(SnapshotId);
        _generated = Clock.GetUtcNow().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        if (_report is null) _problem = $"Snapshot {SnapshotId} does not exist.";
    }

    private Task PrintAsync() => Js.InvokeVoidAsync("print").AsTask();

    public static string Title(string kind) => kind switch
    {
        LineageNodeTypes.Snapshot => "appended snapshots",
        LineageNodeTypes.Run => "runs",
        LineageNodeTypes.ModelVersion => "model versions",
        LineageNodeTypes.Deployment => "deployments",
        LineageNodeTypes.App => "apps",
        LineageNodeTypes.Chart => "charts",
        LineageNodeTypes.Dashboard => "dashboards",
        LineageNodeTypes.JobRun => "job runs",
        _ => kind,
    };
}
