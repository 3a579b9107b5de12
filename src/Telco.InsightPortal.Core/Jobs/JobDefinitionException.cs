using Telco.InsightPortal.Core.Errors;

namespace Telco.InsightPortal.Core.Jobs;

/// <summary>A job definition (or a run's overrides) the portal refuses: a 400 naming the JSON path of the problem
/// (<c>steps[2].parameters.rows</c>), so the whole definition is refused and nothing of it is saved.</summary>
public sealed class JobDefinitionException(string path, string problem) : PortalException(ErrorKind.Invalid, $"Invalid job at {path}: {problem}")
{
    public string Path { get; } = path;
}
