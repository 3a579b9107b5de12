namespace Telco.InsightPortal.Bench.Serving;

/// <summary>
/// CPU time of this process's threads with a given name, from /proc (Linux): user + system ticks. A thread's CPU time
/// counts only its own work, so what the prediction log writer costs per prediction can be read even while other
/// processes load the machine.
/// </summary>
public static class ThreadCpu
{
    private static readonly double TickSeconds = 1.0 / 100; // USER_HZ, 100 on Linux

    public static TimeSpan Of(string threadName)
    {
        var total = 0L;
        if (!Directory.Exists("/proc/self/task")) return TimeSpan.Zero;
        foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
        {
            try
            {
                if (File.ReadAllText(Path.Combine(task, "comm")).Trim() != threadName) continue;
                // Fields after the ")" that ends the command: state is field 3, utime 14 and stime 15.
                var stat = File.ReadAllText(Path.Combine(task, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                total += long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture);
            }
            catch (IOException)
            {
                // The thread ended between listing and reading.
            }
        }
        return TimeSpan.FromSeconds(total * TickSeconds);
    }
}
