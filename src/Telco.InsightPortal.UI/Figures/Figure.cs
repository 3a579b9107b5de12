using Plotly.Blazor;

namespace Telco.InsightPortal.UI.Figures;

/// <summary>What a chart component hands to Plotly: its traces and layout, built by plain code that tests can read.</summary>
public sealed record Figure(IList<ITrace> Data, Layout Layout)
{
    internal static readonly string Transparent = "rgba(0,0,0,0)";
}
