namespace Telco.InsightPortal.Core.Dashboards;

public enum FilterOp { Eq, In, Range, Null, NotNull }
