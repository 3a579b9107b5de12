namespace Telco.InsightPortal.Core.Monitoring;

public enum FeatureKind
{
    Numeric,
    Categorical,
}
