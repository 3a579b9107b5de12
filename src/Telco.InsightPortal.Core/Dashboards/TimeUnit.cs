namespace Telco.InsightPortal.Core.Dashboards;

public enum TimeUnit { Day, Week, Month }
