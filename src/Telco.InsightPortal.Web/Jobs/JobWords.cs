using System.Globalization;
using MudBlazor;
using Telco.InsightPortal.Core.Jobs;

namespace Telco.InsightPortal.Web.Jobs;

/// <summary>How job pages word statuses, times, durations and parameter values.</summary>
public static class JobWords
{
    public static Color StatusColour(string status) => status switch
    {
        JobRunStatus.Succeeded => Color.Success,
        JobRunStatus.Failed => Color.Error,
        JobRunStatus.Interrupted => Color.Warning,
        JobRunStatus.Running => Color.Info,
        JobRunStatus.Cancelled or JobRunStatus.Skipped => Color.Default,
        _ => Color.Secondary,
    };

    public static string When(long? unixMs) => unixMs is { } ms
        ? DateTimeOffset.FromUnixTimeMilliseconds(ms).ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)
        : "—";

    public static string When(DateTimeOffset? at) => at is { } t ? When(t.ToUnixTimeMilliseconds()) : "—";

    public static string Duration(long? startMs, long? endMs, DateTimeOffset now)
    {
        if (startMs is not { } start) return "—";
        var span = TimeSpan.FromMilliseconds((endMs ?? now.ToUnixTimeMilliseconds()) - start);
        return span.TotalSeconds < 60 ? $"{span.TotalSeconds:0.0} s"
            : span.TotalMinutes < 60 ? $"{(int)span.TotalMinutes} min {span.Seconds} s"
            : $"{(int)span.TotalHours} h {span.Minutes} min";
    }

    public static string Value(object? value) => value switch
    {
        null => "—",
        OutputRef r => r.ToString(),
        double d => d.ToString("0.####", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    public static string Parameters(IReadOnlyDictionary<string, object> parameters) =>
        string.Join(", ", parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} = {Value(p.Value)}"));

    public static string Trigger(string trigger, string requestedBy) => trigger switch
    {
        JobRunTrigger.Manual => $"Run by {requestedBy}",
        JobRunTrigger.Schedule => "Scheduled",
        JobRunTrigger.Dependency => $"Started {requestedBy}",
        JobRunTrigger.Retry => "Retry",
        _ => trigger,
    };
}
