using System.Globalization;
using Telco.InsightPortal.Core.Errors;
using Telco.InsightPortal.Core.Monitoring;

namespace Telco.InsightPortal.Web.Monitoring.Api;

/// <summary>The query string of the monitoring reads: <c>from</c> and <c>to</c> as ISO 8601 times (UTC when no offset
/// is given; by default the last 24 hours), <c>window</c> as <see cref="MonitoringWindow"/> reads it.</summary>
public static class MonitoringQuery
{
    public const int MaxTimeLength = 64;

    public static (DateTimeOffset From, DateTimeOffset To) Range(string? from, string? to, DateTimeOffset now)
    {
        var end = to is null ? now : Time(to, "to");
        var start = from is null ? end.AddDays(-1) : Time(from, "from");
        if (start >= end) throw PortalException.Invalid($"Invalid range: 'from' ({start:O}) must be before 'to' ({end:O}).");
        return (start, end);
    }

    public static TimeSpan Window(string? window) => MonitoringWindow.Parse(window ?? "hour");

    private static DateTimeOffset Time(string text, string name)
    {
        if (text.Length > MaxTimeLength) throw PortalException.Invalid($"Invalid '{name}': longer than {MaxTimeLength} characters.");
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value))
            throw PortalException.Invalid($"Invalid '{name}': not an ISO 8601 time (for example 2026-03-01T00:00:00Z).");
        return value;
    }
}
