namespace Telco.InsightPortal.Data.Evidence;

/// <summary>The target types the stores write audit entries with, for the ones an evidence pack gathers.</summary>
internal static class AuditTargets
{
    public const string ModelVersion = "model_version";
    public const string RegisteredModel = "registered_model";
    public const string Run = "run";
    public const string Dataset = "dataset";
    public const string Deployment = "deployment";
    public const string Alert = "alert";
    public const string Approval = "approval";
}
