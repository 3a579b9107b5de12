using System.Globalization;
using Telco.InsightPortal.Core.Errors;

namespace Telco.InsightPortal.Core.Monitoring;

/// <summary>
/// The width of the windows a monitoring range is cut into, as a user writes it: <c>minute</c>, <c>hour</c>,
/// <c>day</c>, <c>week</c>, or a whole number and a unit (<c>15m</c>, <c>6h</c>, <c>2d</c>; <c>s</c>, <c>m</c>,
/// <c>h</c>, <c>d</c>, <c>w</c>). Windows are at least a minute (traffic is counted per minute) and at most 31 days,
/// and one request holds at most <see cref="MaxWindows"/> of them.
/// </summary>
public static class MonitoringWindow
{
    public const int MaxLength = 16;

    public const int MaxWindows = 2_000;

    public static readonly TimeSpan Shortest = TimeSpan.FromMinutes(1);

    public static readonly TimeSpan Longest = TimeSpan.FromDays(31);

    /// <exception cref="PortalException">Invalid, naming the window and what is accepted.</exception>
    public static TimeSpan Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw Refuse("it is empty");
        }

        if (text.Length > MaxLength)
        {
            throw Refuse($"it is {text.Length} characters long; the limit is {MaxLength}");
        }

        var t = text.Trim().ToLowerInvariant();
        var width = t switch
        {
            "minute" => TimeSpan.FromMinutes(1),
            "hour" => TimeSpan.FromHours(1),
            "day" => TimeSpan.FromDays(1),
            "week" => TimeSpan.FromDays(7),
            _ => Duration(t),
        };
        if (width < Shortest || width > Longest)
        {
            throw Refuse($"{Describe(width)} is outside 1 minute … 31 days");
        }

        return width;
    }

    /// <summary>How many windows of <paramref name="width"/> cover [from, to); refuses a range that is empty or
    /// backwards and one that needs more than <see cref="MaxWindows"/>.</summary>
    public static int Count(DateTimeOffset from, DateTimeOffset to, TimeSpan width, int maxWindows = MaxWindows)
    {
        if (from >= to)
        {
            throw PortalException.Invalid($"Invalid range: 'from' ({from:O}) must be before 'to' ({to:O}).");
        }

        var count = Math.Ceiling((to - from) / width);
        if (count > maxWindows)
        {
            throw PortalException.Invalid(
                $"Invalid window: {Describe(width)} windows over {Describe(to - from)} make {count:0} windows; at most {maxWindows} per request. Choose a wider window or a shorter range.");
        }

        return (int)count;
    }

    public static string Describe(TimeSpan width) =>
        width.TotalDays >= 1 && width.TotalDays == Math.Floor(width.TotalDays) ? $"{width.TotalDays:0} d"
        : width.TotalHours >= 1 && width.TotalHours == Math.Floor(width.TotalHours) ? $"{width.TotalHours:0} h"
        : width.TotalMinutes >= 1 && width.TotalMinutes == Math.Floor(width.TotalMinutes) ? $"{width.TotalMinutes:0} min"
        : $"{width.TotalSeconds:0.###} s";

    private static TimeSpan Duration(string t)
    {
        if (t.Length < 2)
        {
            throw Refuse("write minute, hour, day, week or a number and a unit (15m, 6h, 2d)");
        }

        var unit = t[^1];
        if (!long.TryParse(t.AsSpan(0, t.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n <= 0 || n > 1_000_000)
        {
            throw Refuse("write minute, hour, day, week or a whole number and a unit (15m, 6h, 2d)");
        }

        return unit switch
        {
            's' => TimeSpan.FromSeconds(n),
            'm' => TimeSpan.FromMinutes(n),
            'h' => TimeSpan.FromHours(n),
            'd' => TimeSpan.FromDays(n),
            'w' => TimeSpan.FromDays(7 * n),
            _ => throw Refuse($"'{unit}' is not a unit; use s, m, h, d or w"),
        };
    }

    private static PortalException Refuse(string why) => PortalException.Invalid($"Invalid window: {why}.");
}
