using Telco.InsightPortal.UI.Figures;

namespace Telco.InsightPortal.Web.Dashboards.Components.Figures;

/// <summary>A chart's figure for Plotly and the map from its points back to the result's values.</summary>
public sealed record DashboardPlot(Figure Figure, MarkMap Marks);
