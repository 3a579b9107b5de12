namespace Telco.InsightPortal.Core.Dashboards;

/// <summary>
/// The time windows of relative filters and period comparisons, computed in C# from the caller's clock (never by the
/// database, so tests can fix "now"). "Now" is first truncated to the minute, so every query within a minute sees the
/// same window and may share a cached answer.
/// <list type="bullet">
/// <item><c>last N unit</c> keeps rows with the field at or after the cut-off C = now − N units (a week is 7 days, a
/// month a calendar month, clamped to the month's last day): the window [C, ∞).</item>
/// <item>A comparison <c>{"previous":M,"unit":u}</c> reads the window [C − M u, now − M u): the current window moved back
/// M units, ending where it would have ended. When M u equals the filter's N unit it is exactly the preceding period of
/// equal length, ending at C.</item>
/// </list>
/// </summary>
public static class ChartPeriod
{
    public const int MaxCount = 3650;

    public static DateTimeOffset Minute(DateTimeOffset now)
    {
        var utc = now.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - utc.Ticks % TimeSpan.TicksPerMinute, TimeSpan.Zero);
    }

    public static DateTimeOffset Back(DateTimeOffset from, long count, TimeUnit unit) => unit switch
    {
        TimeUnit.Day => from.AddDays(-count),
        TimeUnit.Week => from.AddDays(-7 * count),
        _ => from.AddMonths(-(int)count),
    };
}
