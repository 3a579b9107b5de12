using System.Diagnostics;
using System.Globalization;

// The scheduler's idle cost: the built portal (demo data off, an empty SQLite store) runs idle for a minute with its
// scheduler on (Quartz polling its store, the sweeper every 10 s) and off (Jobs:RunJobs=false), interleaved, three of
// each; the figure is the process's CPU time (user + system, from /proc) per wall-clock second after start-up.
// Usage: dotnet run -c Release --project bench/Telco.InsightPortal.Bench.Jobs [-- seconds [rounds]]
var seconds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 60;
var rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
var root = FindRoot();
var dll = Path.Combine(root, "src", "Telco.InsightPortal.Web", "bin", "Release", "net10.0", "Telco.InsightPortal.Web.dll");
if (!File.Exists(dll)) dll = Path.Combine(root, "src", "Telco.InsightPortal.Web", "bin", "Debug", "net10.0", "Telco.InsightPortal.Web.dll");
if (!File.Exists(dll)) throw new InvalidOperationException("Build src/Telco.InsightPortal.Web first.");

var on = new List<double>();
var off = new List<double>();
for (var round = 0; round < rounds; round++)
{
    on.Add(await IdleCpuAsync(true));
    off.Add(await IdleCpuAsync(false));
    Console.WriteLine($"round {round + 1}: scheduler on {on[^1]:P2} of a core, off {off[^1]:P2}");
}
Console.WriteLine($"median: on {Median(on):P2}, off {Median(off):P2}; the scheduler adds {Median(on) - Median(off):P2} of one core " +
                  $"({(Median(on) - Median(off)) / Environment.ProcessorCount:P2} of this {Environment.ProcessorCount}-core machine) when idle");

async Task<double> IdleCpuAsync(bool runJobs)
{
    var data = Path.Combine(Path.GetTempPath(), "telco-bench-jobs", Guid.NewGuid().ToString("N"));
    var start = new ProcessStartInfo("dotnet") { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true };
    foreach (var a in new[] { dll, "--urls", "http://127.0.0.1:0" }) start.ArgumentList.Add(a);
    start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
    start.Environment["Portal__DataDir"] = data;
    start.Environment["Portal__Demo__Enabled"] = "false";
    start.Environment["Portal__Bootstrap__AdminPassword"] = "Quiet-Scheduler-Check-71";
    start.Environment["Jobs__RunJobs"] = runJobs ? "true" : "false";
    // Production refuses to start without its keys.
    start.Environment["Portal__Security__KeyEncryptionKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
    start.Environment["Audit__CheckpointKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
    using var process = Process.Start(start)!;
    var ready = new TaskCompletionSource();
    process.OutputDataReceived += (_, e) => { if (e.Data?.Contains("is ready", StringComparison.Ordinal) == true) ready.TrySetResult(); };
    process.ErrorDataReceived += (_, _) => { };
    process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException($"The portal exited ({process.ExitCode}) before it was ready."));
    process.EnableRaisingEvents = true;
    process.BeginOutputReadLine();
    process.BeginErrorReadLine();
    await ready.Task.WaitAsync(TimeSpan.FromMinutes(2));
    await Task.Delay(TimeSpan.FromSeconds(10)); // start-up's own work settles
    var cpu0 = CpuSeconds(process.Id);
    var wall = Stopwatch.StartNew();
    await Task.Delay(TimeSpan.FromSeconds(seconds));
    var share = (CpuSeconds(process.Id) - cpu0) / wall.Elapsed.TotalSeconds;
    process.Kill(entireProcessTree: true);
    await process.WaitForExitAsync();
    try { Directory.Delete(data, recursive: true); } catch (IOException) { }
    return share;
}

static double CpuSeconds(int pid)
{
    var stat = File.ReadAllText($"/proc/{pid}/stat");
    var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
    // utime and stime are fields 14 and 15 of /proc/pid/stat (12 and 13 after the command name), in clock ticks.
    return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
}

static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

static string FindRoot()
{
    var dir = new DirectoryInfo(AppContext.BaseDirectory);
    while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Telco.InsightPortal.sln"))) dir = dir.Parent;
    return dir?.FullName ?? throw new InvalidOperationException("Run from inside the repository.");
}
