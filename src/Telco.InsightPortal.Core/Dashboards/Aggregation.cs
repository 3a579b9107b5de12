namespace Telco.InsightPortal.Core.Dashboards;

public enum Aggregation { Count, CountDistinct, Sum, Avg, Min, Max }
