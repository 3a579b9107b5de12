using Microsoft.AspNetCore.Components;
using Plotly.Blazor;
using Telco.InsightPortal.UI.Figures;

namespace Telco.InsightPortal.UI;

/// <summary>
/// A chart that follows its parameters. Plotly.Blazor draws on first render and otherwise only when told: a figure
/// whose points changed later (a moved threshold, a new count) stayed as first drawn, or not, depending on timing. Each
/// chart builds its figure in <see cref="Build"/>; after any later render with new parameters the chart is redrawn.
/// </summary>
public abstract class RedrawingChart : ComponentBase
{
    protected Figure Figure = new([], new Layout());
    protected PlotlyChart? Chart;
    protected readonly Config Config = new() { DisplayModeBar = Plotly.Blazor.ConfigLib.DisplayModeBarEnum.False, Responsive = true };
    private bool _redraw;

    protected abstract Figure Build();

    protected override void OnParametersSet()
    {
        Figure = Build();
        _redraw = true;
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        var redraw = _redraw && !firstRender && Chart is not null;
        _redraw = false;
        if (redraw) await Chart!.React();
    }
}
