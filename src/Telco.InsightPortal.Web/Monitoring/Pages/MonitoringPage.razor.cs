using Microsoft.AspNetCore.Components;
using MudBlazor;
using Telco.InsightPortal.Core.Errors;
using Telco.InsightPortal.Core.Monitoring;
using Telco.InsightPortal.Data.Monitoring;

namespace Telco.InsightPortal.Web.Monitoring.Pages;

/// <summary>One deployment's health over a chosen range and window: traffic, refusals and latency, realised against
/// estimated performance with version changes marked, the drift heatmap with a drill-down, and its alerts.</summary>
public sealed partial class MonitoringPage
{
    [Parameter] public string Name { get; set; } = "";
    [Inject] private MonitoringService Service { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;

    private List<BreadcrumbItem> _crumbs = [];
    private int _range = 1;
    private string _window = "hour";
    private MetricsReport? _metrics;
    private DriftReport? _drift;
    private string? _problem;
    private (FeatureDistribution Distribution, FeatureDrift Drift, DriftWindow Window)? _selected;

    protected override Task OnParametersSetAsync()
    {
        _crumbs = [new("Deployments", "/deployments"), new(Name, $"/deployments/{Uri.EscapeDataString(Name)}"), new("Monitoring", null, disabled: true)];
        return LoadAsync();
    }

    private Task RangeChangedAsync(int range)
    {
        _range = range;
        return LoadAsync();
    }

    private Task WindowChangedAsync(string window)
    {
        _window = window;
        return LoadAsync();
    }

    private async Task LoadAsync()
    {
        (_metrics, _drift, _problem, _selected) = (null, null, null, null);
        // Ranges end at the next whole hour, so hour, 6-hour and day windows are unions of hours, which are counted once.
        var now = Clock.GetUtcNow();
        var to = new DateTimeOffset(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerHour, TimeSpan.Zero).AddHours(1);
        var from = to - MonitoringView.Ranges[_range].Span;
        try
        {
            var window = MonitoringWindow.Parse(_window);
            _metrics = await Service.MetricsAsync(Name, from, to, window);
            // The heatmap holds fewer windows than the charts: a wider window when the chosen one would make too many.
            var driftWindow = MonitoringWindow.Count(from, to, window, int.MaxValue) <= Service.Options.MaxDriftWindows ? window
                : TimeSpan.FromTicks((long)Math.Ceiling((double)(to - from).Ticks / Service.Options.MaxDriftWindows));
            _drift = await Service.DriftAsync(Name, from, to, driftWindow < MonitoringWindow.Shortest ? MonitoringWindow.Shortest : driftWindow);
        }
        catch (PortalException e)
        {
            _problem = e.Message;
        }
    }

    private async Task SelectAsync((int Feature, int Window) cell)
    {
        var window = _drift!.Windows[cell.Window];
        var detail = await Service.DriftAsync(Name, window.Start, window.End);
        var name = _drift.Verdict.Features[cell.Feature].Name;
        _selected = (detail.Distributions.Single(d => d.Feature == name), window.Features[cell.Feature], window);
    }
}
