using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.TestSupport;
using Telco.InsightPortal.Web.Security;
using Telco.InsightPortal.Web.Tests.Registry;

namespace Telco.InsightPortal.Web.Tests.Deployments;

/// <summary>A real portal on Kestrel (so its scoring client reaches its own serving), with a run its worker trained
/// registered as churn version 1. Shared by a test class: training once is enough.</summary>
public class DeployedPortal : IAsyncLifetime
{
    public PortalFactory Portal { get; private set; } = default!;

    public async ValueTask InitializeAsync()
    {
        Portal = await PortalFactory.CreateAsync();
        Portal.StartKestrel();
        if (!RegistersAModel) return;
        var dora = await Portal.ClientForAsync("dora", Roles.DataScientist);
        var runId = await Portal.TrainAsync();
        (await dora.PostAsJsonAsync("/api/2.0/mlflow/registered-models/create", new { name = "churn" })).EnsureSuccessStatusCode();
        (await dora.PostAsJsonAsync("/api/2.0/mlflow/model-versions/create", new { name = "churn", source = $"runs:/{runId}/model", run_id = runId })).EnsureSuccessStatusCode();
    }

    protected virtual bool RegistersAModel => true;

    public T Get<T>() where T : notnull => Portal.Services.GetRequiredService<T>();

    public static readonly AuditActor Dora = new("dora");

    public ValueTask DisposeAsync() => Portal.DisposeAsync();
}

/// <summary>The same portal with nothing registered or deployed.</summary>
public sealed class EmptyPortal : DeployedPortal
{
    protected override bool RegistersAModel => false;
}
