using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Telco.InsightPortal.Core.Registry;
using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.Serving;
using Telco.InsightPortal.Serving.Deployments;
using Telco.InsightPortal.Serving.Logging;

namespace Telco.InsightPortal.Bench.Serving;

/// <summary>
/// A standalone serving host as <see cref="ServingProgram"/> builds it (same services, same pipeline), on a loopback
/// port, over a SQLite store in the bench's folder, with the bench's models standing in for the registry.
/// </summary>
public sealed class ServingBenchHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ServingBenchHost(WebApplication app)
    {
        _app = app;
        Url = app.Urls.First();
    }

    public string Url { get; }
    public DeploymentService Deployments => _app.Services.GetRequiredService<DeploymentService>();
    public Telco.InsightPortal.Data.Deployments.DeploymentStore Store => _app.Services.GetRequiredService<Telco.InsightPortal.Data.Deployments.DeploymentStore>();
    public PredictionLog Log => _app.Services.GetRequiredService<PredictionLog>();

    public static async Task<ServingBenchHost> StartAsync(string directory, BenchModels models, bool logPredictions, int gatherMilliseconds = 200)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = directory, Args = [] });
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Serving:Store:Provider"] = "Sqlite",
            ["Serving:Store:ConnectionString"] = $"Data Source={Path.Combine(directory, "portal.db")}",
            ["Serving:ArtifactRoot"] = models.Root,
            ["Serving:LogPredictions"] = logPredictions ? "true" : "false",
            ["Serving:LogGatherMilliseconds"] = gatherMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        builder.WebHost.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        builder.AddServing();
        builder.Services.AddSingleton<IModelVersionResolver>(models);
        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapServing(operatorPolicy: null);
        await app.StartAsync();
        return new ServingBenchHost(app);
    }

    /// <summary>Creates the deployment and returns its access key.</summary>
    public async Task<string> DeployAsync(string name, string version, int enginesPerProcess)
    {
        var (_, key) = await Deployments.CreateAsync(name, BenchModels.Model, version, null, enginesPerProcess, AuditActor.System);
        return key;
    }

    /// <summary>Waits until the prediction log writer has caught up, so its work does not spill into the next phase.</summary>
    public async Task DrainLogAsync()
    {
        while (Log.Queued > 0) await Task.Delay(50);
        await Task.Delay(500);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
