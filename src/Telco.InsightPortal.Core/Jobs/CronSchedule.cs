using System.Text.RegularExpressions;
using Quartz;

namespace Telco.InsightPortal.Core.Jobs;

/// <summary>
/// A job's schedule: Quartz cron (seconds first, 6 or 7 fields: <c>0 0 2 * * ?</c>) or the 5-field Unix form
/// (<c>0 2 * * *</c>), read as Quartz's with second 0. In the Unix form day-of-week must be <c>*</c> or names
/// (<c>MON-FRI</c>): Unix counts Sunday as 0 and Quartz as 1, and guessing would run a job on the wrong day.
/// </summary>
public static partial class CronSchedule
{
    /// <summary>The Quartz expression for <paramref name="text"/>.</summary>
    /// <exception cref="JobDefinitionException">Not a valid schedule; the message says why.</exception>
    public static string Normalize(string text, string path = "schedule")
    {
        var trimmed = text.Trim();
        if (trimmed.Length == 0 || trimmed.Length > JobLimits.MaxSchedule)
            throw new JobDefinitionException(path, $"a cron expression of 1 to {JobLimits.MaxSchedule} characters is expected.");
        var fields = Whitespace().Split(trimmed);
        var quartz = fields.Length == 5 ? FromUnix(fields, path) : trimmed;
        if (fields.Length is < 5 or > 7)
            throw new JobDefinitionException(path, $"'{trimmed}' has {fields.Length} fields; use 5 (Unix: minute hour day month weekday) or 6-7 (Quartz: second first).");
        // Quartz lets a minute of 99 through; a number past a field's range is a typo, not a schedule.
        var parts = Whitespace().Split(quartz);
        foreach (var (field, max, name) in new[] { (0, 59, "second"), (1, 59, "minute"), (2, 23, "hour") })
            if (field < parts.Length && Number().Matches(parts[field]).Any(m => int.Parse(m.Value, System.Globalization.CultureInfo.InvariantCulture) > max))
                throw new JobDefinitionException(path, $"'{trimmed}' has a {name} above {max}.");
        try
        {
            _ = new CronExpression(quartz);
        }
        catch (FormatException e)
        {
            throw new JobDefinitionException(path, $"'{trimmed}' is not a valid cron expression: {e.Message}");
        }
        if (Next(quartz, DateTimeOffset.UtcNow) is null) throw new JobDefinitionException(path, $"'{trimmed}' never fires.");
        return quartz;
    }

    /// <summary>The first time after <paramref name="after"/> the schedule fires (UTC), or null if never.</summary>
    public static DateTimeOffset? Next(string quartz, DateTimeOffset after) =>
        new CronExpression(quartz) { TimeZone = TimeZoneInfo.Utc }.GetNextValidTimeAfter(after);

    private static string FromUnix(string[] f, string path)
    {
        var (minute, hour, day, month, weekday) = (f[0], f[1], f[2], f[3], f[4]);
        if (weekday != "*" && weekday != "?" && Digit().IsMatch(weekday))
            throw new JobDefinitionException(path, "in the 5-field form write days of the week as names (MON-FRI), not numbers.");
        // Quartz wants one of day-of-month and day-of-week to be '?'.
        if (weekday is "*" or "?") weekday = "?";
        else if (day is "*" or "?") day = "?";
        else throw new JobDefinitionException(path, "a schedule can name the day of the month or the day of the week, not both.");
        return $"0 {minute} {hour} {day} {month} {weekday}";
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"\d")]
    private static partial Regex Digit();

    [GeneratedRegex(@"\d{1,9}")]
    private static partial Regex Number();
}
