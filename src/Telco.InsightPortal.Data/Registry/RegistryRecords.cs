namespace Telco.InsightPortal.Data.Registry;

/// <summary>MLflow's model version stages, spelt as MLflow answers them.</summary>
public static class ModelStages
{
    public const string None = "None";
    public const string Staging = "Staging";
    public const string Production = "Production";
    public const string Archived = "Archived";

    public static readonly IReadOnlyList<string> All = [None, Staging, Production, Archived];

    /// <summary>MLflow accepts any case ("production"); null when the name is not a stage.</summary>
    public static string? Normalise(string? stage) => All.FirstOrDefault(s => s.Equals(stage?.Trim(), StringComparison.OrdinalIgnoreCase));
}

public static class ModelAliases
{
    public const string Champion = "champion";
    public const string Challenger = "challenger";
}

/// <summary>What an approval request asks for: a stage (always Production) or an alias (always champion).</summary>
public static class ApprovalTargets
{
    public const string Stage = "stage";
    public const string Alias = "alias";
}

public static class ApprovalStatuses
{
    public const string Pending = "pending";
    public const string Approved = "approved";
    public const string Rejected = "rejected";
}

public sealed record RegistryTag(string Key, string Value);

public sealed record ModelAlias(string Alias, long Version);

public sealed record RegisteredModel(long ModelId, string Name, string Description, string CreatedBy, long CreationTime, long LastUpdatedTime)
{
    public IReadOnlyList<RegistryTag> Tags { get; init; } = [];
    public IReadOnlyList<ModelAlias> Aliases { get; init; } = [];
    /// <summary>The newest version in each stage, as MLflow's latest_versions.</summary>
    public IReadOnlyList<ModelVersion> LatestVersions { get; init; } = [];
}

public sealed record ModelVersion(long ModelId, string Name, long Version, string Source, string RunId, string ModelPath, string ModelSha256,
    string? Dataset, long? SnapshotId, string CurrentStage, string Description, string Status, string CreatedBy, long CreationTime,
    long LastUpdatedTime)
{
    public IReadOnlyList<RegistryTag> Tags { get; init; } = [];
    public IReadOnlyList<string> Aliases { get; init; } = [];
}

public sealed record ApprovalRequest(long ApprovalId, string Name, long Version, string TargetKind, string Target, long ArchiveExisting,
    string RequestedBy, long RequestedAt, string RequestComment, string Status, string? DecidedBy, long? DecidedAt, string? DecisionComment)
{
    public bool ArchivesExisting => ArchiveExisting != 0;

    public string Describe() => TargetKind == ApprovalTargets.Stage ? $"stage {Target}" : $"alias @{Target}";
}

/// <summary>The answer to a stage or alias change: applied at once, or waiting for a second person's approval.</summary>
public sealed record RegistryChange(ModelVersion Version, ApprovalRequest? Pending)
{
    public bool Applied => Pending is null;
}

public sealed record ModelPage(IReadOnlyList<RegisteredModel> Models, string? NextPageToken);

public sealed record ModelVersionPage(IReadOnlyList<ModelVersion> Versions, string? NextPageToken);

/// <summary>The version's source, checked: the run it came from, its model zip relative to the artifact root and
/// to the run's folder, and (for the <c>mlflow-artifacts:/</c> form) the run artifact URI the source must belong to.</summary>
public sealed record ModelSource(string Text, string RunId, string ModelPath, string FileInRun, string FullPath, string? RunArtifactUri);

/// <summary>The requester tried to approve their own request: four eyes means two people (HTTP 403).</summary>
public sealed class FourEyesException(string message) : Core.Errors.PortalException(Core.Errors.ErrorKind.Forbidden, message);
