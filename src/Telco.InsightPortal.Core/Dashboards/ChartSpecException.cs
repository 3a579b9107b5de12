using Telco.InsightPortal.Core.Errors;

namespace Telco.InsightPortal.Core.Dashboards;

/// <summary>A chart spec the portal refuses: a 400 through the one error mapping, naming the JSON path of the problem
/// (<c>filters[2].op</c>) so the builder can point at it.</summary>
public sealed class ChartSpecException(string path, string problem) : PortalException(ErrorKind.Invalid, $"Invalid chart spec at {path}: {problem}")
{
    public string Path { get; } = path;
}
