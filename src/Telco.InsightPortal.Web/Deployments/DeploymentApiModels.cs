namespace Telco.InsightPortal.Web.Deployments;

public sealed record CreateDeploymentBody(string? Name, string? Model, string? Version, string? Alias, int? Replicas);

public sealed record RedeployBody(string? Version, string? Alias);

public sealed record CanaryBody(string? Version, string? Alias, int? Weight);

public sealed record ScaleBody(int? Replicas);

public sealed record CreateKeyBody(string? Name);

public sealed record LabelBody(string? Uuid, int? Label);
