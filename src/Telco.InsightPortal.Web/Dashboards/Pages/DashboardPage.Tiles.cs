using MudBlazor;
using Telco.InsightPortal.Core.Dashboards;

namespace Telco.InsightPortal.Web.Dashboards.Pages;

/// <summary>Edit mode: adding, moving, resizing, editing and removing tiles and dashboard filters. Changes stay on the
/// page until saved as a new version.</summary>
public partial class DashboardPage
{
    private void Move(string id, TileLayout layout) => Change(_document with
    {
        Charts = _document.Charts.Select(c => c.Id == id ? c with { Layout = layout } : c).ToList(),
        Texts = _document.Texts.Select(t => t.Id == id ? t with { Layout = layout } : t).ToList(),
    });

    private void Remove(string id) => Change(_document with
    {
        Charts = _document.Charts.Where(c => c.Id != id).ToList(),
        Texts = _document.Texts.Where(t => t.Id != id).ToList(),
    });

    private void SetText(string id, string markdown) =>
        Change(_document with { Texts = _document.Texts.Select(t => t.Id == id ? t with { Markdown = markdown } : t).ToList() });

    private void AddText()
    {
        if (_document.Texts.Count >= DashboardLimits.MaxTexts)
        {
            Snackbar.Add($"A dashboard holds at most {DashboardLimits.MaxTexts} text tiles.", Severity.Warning);
            return;
        }
        Change(_document with { Texts = [.. _document.Texts, new TextTile(NewId("t"), "## Notes\nWrite what readers should know.", new TileLayout(0, NextRow(), 12, 2))] });
    }

    /// <summary>Opens the builder on a chart (or a new one) and puts what it returns in place, or under the others.</summary>
    private async Task EditChartAsync(ChartTile? chart)
    {
        if (chart is null && _document.Charts.Count >= DashboardLimits.MaxCharts)
        {
            Snackbar.Add($"A dashboard holds at most {DashboardLimits.MaxCharts} charts.", Severity.Warning);
            return;
        }
        var parameters = new DialogParameters<ChartBuilderDialog> { { d => d.Spec, chart?.Spec }, { d => d.CanSeePii, _canSeePii } };
        var dialog = await Dialogs.ShowAsync<ChartBuilderDialog>(chart is null ? "Add a chart" : "Edit chart", parameters, ChartBuilderDialog.Options);
        if (await dialog.Result is not { Canceled: false, Data: ChartSpec spec }) return;
        var json = ChartSpecWriter.Write(spec);
        var title = spec.Title ?? "";
        Change(chart is null
            ? _document with { Charts = [.. _document.Charts, new ChartTile(NewId("c"), title, json, NewChartPlace())] }
            : _document with { Charts = _document.Charts.Select(c => c.Id == chart.Id ? c with { Spec = json, Title = title } : c).ToList() });
    }

    /// <summary>While editing, a dashboard filter saved with the document; while reading, cross-filter pieces for this
    /// view (from no chart, so they apply to every chart with the field).</summary>
    private async Task AddFilterAsync()
    {
        var fields = _document.Charts.Select(c => ChartSpecParser.Parse(c.Spec).Source).Distinct().ToList();
        var parameters = new DialogParameters<FilterDialog> { { d => d.Sources, fields }, { d => d.CanSeePii, _canSeePii } };
        var dialog = await Dialogs.ShowAsync<FilterDialog>(_editing ? "Add a dashboard filter" : "Filter this view", parameters);
        if (await dialog.Result is not { Canceled: false, Data: DashboardFilter filter }) return;
        if (_editing) Change(_document with { Filters = [.. _document.Filters.Where(f => f.Field != filter.Field), filter] });
        else _cross = [.. _cross, .. filter.Values.Select(v => new CrossFilter("", $"{filter.Field} = {DashboardWords.Value(v)}", new ChartFilter(filter.Field, FilterOp.In, Values: [v])))];
    }

    /// <summary>Beside the last chart when it leaves the right half of its row free, else on a new row.</summary>
    private TileLayout NewChartPlace() => _document.Charts.LastOrDefault()?.Layout is { X: 0, W: <= 6 } last
        && !_document.Charts.Any(c => c.Layout.X >= 6 && c.Layout.Y < last.Y + last.H && c.Layout.Y + c.Layout.H > last.Y)
        ? new TileLayout(6, last.Y, 6, last.H)
        : new TileLayout(0, NextRow(), 6, 4);

    private int NextRow() => _document.Charts.Select(c => c.Layout).Concat(_document.Texts.Select(t => t.Layout))
        .Select(l => l.Y + l.H).DefaultIfEmpty(0).Max();

    private string NewId(string prefix)
    {
        var used = _document.Charts.Select(c => c.Id).Concat(_document.Texts.Select(t => t.Id)).ToHashSet();
        var n = 1;
        while (used.Contains(prefix + n)) n++;
        return prefix + n;
    }
}
