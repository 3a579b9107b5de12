using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;

namespace Telco.InsightPortal.TestSupport;

/// <summary>
/// The standalone serving host (<c>ServingProgram</c>) as a separate OS process — a replica as an operator runs it:
/// <c>dotnet Telco.InsightPortal.Serving.dll --urls http://127.0.0.1:0 --Serving:Store:Provider=…</c> from the serving
/// project's own build output. It listens on a port of its choosing, read from its "Now listening on" line. Disposing
/// kills it and whatever it started.
/// </summary>
public sealed partial class ServingProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ServingProcess(Process process) => _process = process;

    /// <summary>Where it listens.</summary>
    public Uri Address { get; private set; } = default!;

    public int ProcessId => _process.Id;

    /// <summary>What it wrote so far (warnings and errors, and its start-up lines): for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_output) return _output.ToString();
        }
    }

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex ListeningLine();

    /// <summary>Starts one serving process with these settings (<c>Serving:Store:Provider</c>, its connection string,
    /// <c>Serving:ArtifactRoot</c>, …) and waits, up to <paramref name="timeout"/>, until it listens.</summary>
    public static async Task<ServingProcess> StartAsync(IReadOnlyDictionary<string, string> settings, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            // Its content root: no appsettings.json of ours, so only what is passed here configures it.
            WorkingDirectory = Directory.CreateTempSubdirectory("telco-serving-process-").FullName,
        };
        start.ArgumentList.Add(ServingDll());
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add("http://127.0.0.1:0");
        var quiet = new Dictionary<string, string>
        {
            ["Logging:LogLevel:Default"] = "Warning", ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Information",
        };
        foreach (var (key, value) in quiet.Concat(settings)) start.ArgumentList.Add($"--{key}={value}");
        foreach (var inherited in new[] { "ASPNETCORE_URLS", "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT" }) start.Environment.Remove(inherited);

        var serving = new ServingProcess(new Process { StartInfo = start, EnableRaisingEvents = true });
        serving._process.OutputDataReceived += (_, e) => serving.Read(e.Data);
        serving._process.ErrorDataReceived += (_, e) => serving.Read(e.Data);
        serving._process.Exited += (_, _) => serving._listening.TrySetException(
            new InvalidOperationException($"The serving process exited ({serving._process.ExitCode}) before it listened:\n{serving.Output}"));
        serving._process.Start();
        serving._process.BeginOutputReadLine();
        serving._process.BeginErrorReadLine();
        try
        {
            serving.Address = await serving._listening.Task.WaitAsync(timeout ?? TimeSpan.FromSeconds(60));
            return serving;
        }
        catch (Exception e)
        {
            await serving.DisposeAsync();
            throw new InvalidOperationException($"The serving process did not listen: {e.Message}\n{serving.Output}", e);
        }
    }

    /// <summary>A client of this process, with a deployment access key when given.</summary>
    public HttpClient Client(string? key = null)
    {
        var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(30) };
        if (key is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    private void Read(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
        if (ListeningLine().Match(line) is { Success: true } m) _listening.TrySetResult(new Uri(m.Groups[1].Value));
    }

    /// <summary>The serving project's own build of the test's configuration (bin/Debug or bin/Release), with its
    /// runtimeconfig and dependencies beside it, as <c>dotnet run</c> or a publish would run it.</summary>
    private static string ServingDll()
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var dll = Path.Combine(RepoPaths.Root, "src", "Telco.InsightPortal.Serving", "bin", output.Parent!.Name, output.Name, "Telco.InsightPortal.Serving.dll");
        return File.Exists(dll) ? dll : throw new InvalidOperationException($"{dll} is missing: build src/Telco.InsightPortal.Serving first.");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(15));
        }
        catch (InvalidOperationException)
        {
            // It was never started, or is already gone.
        }
        finally
        {
            var directory = _process.StartInfo.WorkingDirectory;
            _process.Dispose();
            try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
        }
    }
}
