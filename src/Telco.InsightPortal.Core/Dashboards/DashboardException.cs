using Telco.InsightPortal.Core.Errors;

namespace Telco.InsightPortal.Core.Dashboards;

/// <summary>A dashboard document the portal refuses: a 400 naming the JSON path of the problem (<c>charts[1].layout.w</c>).</summary>
public sealed class DashboardException(string path, string problem) : PortalException(ErrorKind.Invalid, $"Invalid dashboard at {path}: {problem}")
{
    public string Path { get; } = path;
}
