namespace Telco.InsightPortal.Core.Dashboards;

public enum ChartType { Bar, BarStacked, Line, Area, Scatter, Histogram, Box, Pie, Donut, Heatmap, Kpi, Table }
