using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Telco.InsightPortal.Data.Registry;
using Telco.InsightPortal.TestSupport;
using Telco.InsightPortal.Web.Security;
using Telco.InsightPortal.Web.Tests.Registry;

using static Telco.InsightPortal.Web.Tests.Hosting.ApiAnswers;

namespace Telco.InsightPortal.Web.Tests.Governance;

/// <summary>One trained run on a real portal with the shipped policies (report only), and two more instances on the same
/// store configured as an operator would block promotion: by the AUC floor (0.999, which no demo model reaches) and by
/// four eyes.</summary>
public sealed class GovernancePortals : IAsyncLifetime
{
    public PortalFactory Portal { get; private set; } = default!;
    public PortalFactory AucBlocking { get; private set; } = default!;
    public PortalFactory FourEyesBlocking { get; private set; } = default!;
    public string RunId { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        Portal = await PortalFactory.CreateAsync();
        Portal.StartKestrel();
        RunId = await Portal.TrainAsync();
        AucBlocking = Portal.SecondInstance(new Dictionary<string, string?>
        {
            ["Governance:Policies:MinTestAuc:Blocking"] = "true", ["Governance:Policies:MinTestAuc:Floor"] = "0.999",
        });
        FourEyesBlocking = Portal.SecondInstance(new Dictionary<string, string?> { ["Governance:Policies:FourEyes:Blocking"] = "true" });
    }

    /// <summary>The shared run registered as the next version of <paramref name="model"/> by <paramref name="client"/>'s user.</summary>
    public async Task<string> RegisterAsync(HttpClient client, string model)
    {
        await client.PostAsJsonAsync("/api/2.0/mlflow/registered-models/create", new { name = model });
        var created = await client.PostAsJsonAsync("/api/2.0/mlflow/model-versions/create", new { name = model, source = $"runs:/{RunId}/model", run_id = RunId });
        var body = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        Assert.True(created.IsSuccessStatusCode, body.ToString());
        return body.GetProperty("model_version").GetProperty("version").GetString()!;
    }

    public async Task<long> AuditCountAsync()
    {
        await using var c = await Portal.Store.Factory.OpenAsync();
        return await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM audit_entries WHERE action LIKE 'model.%'");
    }

    public async ValueTask DisposeAsync()
    {
        await FourEyesBlocking.DisposeAsync();
        await AucBlocking.DisposeAsync();
        await Portal.DisposeAsync();
    }
}

public sealed class GovernanceApiTests(GovernancePortals portals) : IClassFixture<GovernancePortals>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<HttpResponseMessage> TransitionAsync(HttpClient client, string model, string version) =>
        client.PostAsJsonAsync("/api/2.0/mlflow/model-versions/transition-stage",
            new { name = model, version, stage = "Production", archive_existing_versions = true }, Ct);

    private static async Task<long> RequestIdAsync(HttpResponseMessage response)
    {
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.True(response.IsSuccessStatusCode, body.ToString());
        return long.Parse(body.GetProperty("pending_approval").GetProperty("id").ToString());
    }

    private static Task<HttpResponseMessage> ApproveAsync(HttpClient client, long requestId) =>
        client.PostAsJsonAsync("/api/2.0/mlflow/transition-requests/approve", new { request_id = requestId.ToString(), comment = "read the card" }, Ct);

    [Fact]
    public async Task ABusinessUserIsRefusedAndAnAuditorReadsEveryVersionWithItsChecks()
    {
        var dora = await portals.Portal.ClientForAsync("gov-dora", Roles.DataScientist);
        await portals.RegisterAsync(dora, "gov-shape");
        var business = await portals.Portal.ClientForAsync("gov-bob", Roles.BusinessUser);
        var auditor = await portals.Portal.ClientForAsync("gov-audrey", Roles.Auditor);

        var refused = await business.GetAsync("/api/v1/governance", Ct);
        var body = await GetJsonAsync(auditor, "/api/v1/governance", Ct);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(0.75, body.GetProperty("policies").GetProperty("minTestAuc").GetProperty("floor").GetDouble());
        var model = body.GetProperty("models").EnumerateArray().Single(m => m.GetProperty("name").GetString() == "gov-shape");
        Assert.Equal("gov-dora", model.GetProperty("owner").GetString());
        var version = Assert.Single(model.GetProperty("versions").EnumerateArray());
        Assert.Equal(("None", "gov-dora"), (version.GetProperty("stage").GetString(), version.GetProperty("createdBy").GetString()));
        Assert.Equal(6, version.GetProperty("card").GetProperty("total").GetInt32());
        Assert.Contains("intended use", version.GetProperty("card").GetProperty("missing").EnumerateArray().Select(m => m.GetString()));
        Assert.InRange(version.GetProperty("testAuc").GetDouble(), 0.5, 1);
        Assert.False(version.GetProperty("drift").GetProperty("monitored").GetBoolean());
        var checks = version.GetProperty("checks").EnumerateArray()
            .ToDictionary(c => c.GetProperty("name").GetString()!, c => (c.GetProperty("outcome").GetString(), c.GetProperty("blocking").GetBoolean()));
        Assert.Equal(("Failed", false), checks["CompleteCard"]);
        Assert.Equal(("NotApplicable", false), checks["FourEyes"]);
        Assert.Equal(("NotApplicable", false), checks["NoStaleDriftAlert"]);
        Assert.False(string.IsNullOrEmpty(version.GetProperty("checks")[0].GetProperty("reason").GetString()));
    }

    [Fact]
    public async Task WithoutBlockingAFailingCheckIsReportedAndThePromotionGoesThrough()
    {
        var dora = await portals.Portal.ClientForAsync("gov-dora2", Roles.DataScientist);
        var sam = await portals.Portal.ClientForAsync("gov-sam2", Roles.DataScientist);
        var version = await portals.RegisterAsync(dora, "gov-open");

        var requestId = await RequestIdAsync(await TransitionAsync(dora, "gov-open", version));
        (await ApproveAsync(sam, requestId)).EnsureSuccessStatusCode();

        Assert.Equal(ModelStages.Production, (await portals.Portal.Services.GetRequiredService<RegistryStore>().GetVersionAsync("gov-open", 1, Ct)).CurrentStage);
        var body = await GetJsonAsync(dora, "/api/v1/governance", Ct);
        var checks = body.GetProperty("models").EnumerateArray().Single(m => m.GetProperty("name").GetString() == "gov-open")
            .GetProperty("versions")[0].GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("outcome").GetString());
        Assert.Equal("Failed", checks["CompleteCard"]);
        Assert.Equal("Passed", checks["FourEyes"]);
    }

    [Fact]
    public async Task TheMlflowTransitionToProductionIsRefusedWhenABlockingCheckFailsAndNothingIsWritten()
    {
        var dora = await portals.AucBlocking.ClientForAsync("gov-dora3", Roles.DataScientist);
        var version = await portals.RegisterAsync(dora, "gov-floor");
        var audit = await portals.AuditCountAsync();

        var refused = await TransitionAsync(dora, "gov-floor", version);
        var staging = await dora.PostAsJsonAsync("/api/2.0/mlflow/model-versions/transition-stage", new { name = "gov-floor", version, stage = "Staging" }, Ct);

        var body = JsonDocument.Parse(await refused.Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("INVALID_STATE", body.GetProperty("error_code").GetString());
        Assert.Contains("Test AUC above floor", body.GetProperty("message").GetString());
        Assert.Contains("0.999", body.GetProperty("message").GetString());
        Assert.Equal(audit, await portals.AuditCountAsync() - 1); // the Staging move, not the refusal
        Assert.True(staging.IsSuccessStatusCode);
        var registry = portals.AucBlocking.Services.GetRequiredService<RegistryStore>();
        Assert.Empty(await registry.ListApprovalsAsync("gov-floor", pendingOnly: false, Ct));
    }

    [Fact]
    public async Task TheApproveEndpointRefusesTheVersionsCreatorWhenFourEyesBlocks()
    {
        var dora = await portals.FourEyesBlocking.ClientForAsync("gov-dora4", Roles.DataScientist);
        var rita = await portals.FourEyesBlocking.ClientForAsync("gov-rita4", Roles.DataScientist);
        var sam = await portals.FourEyesBlocking.ClientForAsync("gov-sam4", Roles.DataScientist);
        var version = await portals.RegisterAsync(dora, "gov-eyes");
        var requestId = await RequestIdAsync(await TransitionAsync(rita, "gov-eyes", version));
        var audit = await portals.AuditCountAsync();

        var refused = await ApproveAsync(dora, requestId);
        var registry = portals.FourEyesBlocking.Services.GetRequiredService<RegistryStore>();
        var stageAfterRefusal = (await registry.GetVersionAsync("gov-eyes", 1, Ct)).CurrentStage;
        var auditAfterRefusal = await portals.AuditCountAsync();
        var approved = await ApproveAsync(sam, requestId);

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("Approved by gov-dora4, who created the version", await refused.Content.ReadAsStringAsync(Ct));
        Assert.Equal((ModelStages.None, audit), (stageAfterRefusal, auditAfterRefusal));
        Assert.True(approved.IsSuccessStatusCode, await approved.Content.ReadAsStringAsync(Ct));
        Assert.Equal(ModelStages.Production, (await registry.GetVersionAsync("gov-eyes", 1, Ct)).CurrentStage);
    }
}
