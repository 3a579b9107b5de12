using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Telco.InsightPortal.TestSupport;

/// <summary>
/// The built portal as an OS process of its own — <c>dotnet Telco.InsightPortal.Web.dll --urls http://127.0.0.1:0</c>
/// from the repository root, its settings as environment variables, as an operator runs an instance — for tests of
/// several instances on one store. The OS picks the port; the address is read from the start-up banner. Disposing
/// kills the process (and any child) whether or not the test passed; <see cref="Kill"/> does it mid-test (SIGKILL on
/// Linux: no shutdown code runs).
/// </summary>
public sealed partial class PortalProcess : IAsyncDisposable
{
    public static readonly TimeSpan StartLimit = TimeSpan.FromMinutes(3);

    private const int OutputLines = 4000;

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly TaskCompletionSource<Uri> _address = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private PortalProcess(string name, Process process)
    {
        Name = name;
        _process = process;
    }

    /// <summary>A name for messages ("A", "B").</summary>
    public string Name { get; }

    public Uri BaseAddress { get; private set; } = default!;

    /// <summary>The process id: the dotnet host runs the portal in this process, so it is the portal's.</summary>
    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>What the process has written to stdout and stderr so far (the last lines).</summary>
    public string Output => string.Join('\n', _output);

    /// <summary>The Web project's build output next to this test build (same configuration and framework).</summary>
    public static string PortalDll
    {
        get
        {
            var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var path = Path.Combine(RepoPaths.Root, "src", "Telco.InsightPortal.Web", "bin", framework.Parent!.Name, framework.Name, "Telco.InsightPortal.Web.dll");
            return File.Exists(path) ? path : throw new InvalidOperationException($"The portal is not built at {path}; build src/Telco.InsightPortal.Web first.");
        }
    }

    /// <summary>Starts an instance with <paramref name="settings"/> (configuration keys such as <c>Store:Provider</c>)
    /// and returns once it answers <c>/health</c>.</summary>
    public static async Task<PortalProcess> StartAsync(string name, IReadOnlyDictionary<string, string?> settings, CancellationToken ct = default)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepoPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { PortalDll, "--urls", "http://127.0.0.1:0" }) start.ArgumentList.Add(argument);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in settings) start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        var portal = new PortalProcess(name, new Process { StartInfo = start });
        portal._process.OutputDataReceived += (_, e) => portal.Keep(e.Data);
        portal._process.ErrorDataReceived += (_, e) => portal.Keep(e.Data);
        portal._process.Start();
        portal._process.BeginOutputReadLine();
        portal._process.BeginErrorReadLine();
        try
        {
            await portal.WaitUntilHealthyAsync(ct);
            return portal;
        }
        catch
        {
            await portal.DisposeAsync();
            throw;
        }
    }

    /// <summary>A client signed in as <paramref name="username"/> with a bearer token issued through the API.</summary>
    public async Task<HttpClient> ClientForAsync(string username, string password)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/tokens") { Content = JsonContent.Create(new { name = "test" }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username}:{password}")));
        var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{Name}: token for {username}: {(int)response.StatusCode} {body}");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", JsonDocument.Parse(body).RootElement.GetProperty("token").GetString());
        return client;
    }

    /// <summary>Waits until the process has written a line containing <paramref name="text"/>.</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan limit)
    {
        using var deadline = new CancellationTokenSource(limit);
        while (!_output.Any(line => line.Contains(text, StringComparison.Ordinal)))
        {
            if (HasExited) throw new InvalidOperationException($"{Name} exited ({_process.ExitCode}) before writing '{text}':\n{Output}");
            try
            {
                await Task.Delay(50, deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"{Name} did not write '{text}' within {limit}:\n{Output}");
            }
        }
    }

    /// <summary>Kills the process at once (SIGKILL) and waits until it is gone.</summary>
    public async Task KillAsync()
    {
        if (!HasExited) _process.Kill(entireProcessTree: true);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(deadline.Token);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await KillAsync();
        }
        catch (InvalidOperationException)
        {
            // Never started.
        }
        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        _output.Enqueue(line);
        while (_output.Count > OutputLines) _output.TryDequeue(out _);
        if (ReadyLine().Match(line) is { Success: true } ready) _address.TrySetResult(new Uri(ready.Groups[1].Value));
    }

    private async Task WaitUntilHealthyAsync(CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(StartLimit);
        var exited = _process.WaitForExitAsync(deadline.Token);
        try
        {
            await Task.WhenAny(_address.Task, exited);
            if (HasExited) throw new InvalidOperationException($"{Name} exited ({_process.ExitCode}) while starting:\n{Output}");
            BaseAddress = await _address.Task.WaitAsync(deadline.Token);
            using var http = new HttpClient { BaseAddress = BaseAddress };
            while (!(await http.GetAsync("/health", deadline.Token)).IsSuccessStatusCode) await Task.Delay(100, deadline.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException($"{Name} did not answer /health within {StartLimit}:\n{Output}");
        }
    }

    [GeneratedRegex(@"Telco Insight Portal is ready: open (http://\S+) in a browser\.")]
    private static partial Regex ReadyLine();
}
