using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Telco.InsightPortal.Data.Store;
using Telco.InsightPortal.TestSupport;
using Telco.InsightPortal.Web.Security;
using Telco.InsightPortal.Web.Tests.Tracking;

namespace Telco.InsightPortal.Web.Tests.Registry;

public sealed class RegistryApiTests
{
    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task AnMlflowClientRegistersARunAndProductionWaitsForASecondPerson(StoreProvider provider)
    {
        await using var portal = await PortalFactory.CreateAsync(provider);
        var dora = new MlflowClient(await portal.ClientForAsync("dora", Roles.DataScientist));
        var rita = new MlflowClient(await portal.ClientForAsync("rita", Roles.Admin));
        var runId = await portal.TrainAsync();

        var created = await dora.OkAsync(dora.PostAsync("registered-models/create", new { name = "churn", description = "Churn propensity", tags = new[] { new { key = "team", value = "retention" } } }));
        var version = await dora.OkAsync(dora.PostAsync("model-versions/create", new { name = "churn", source = $"runs:/{runId}/model", run_id = runId }));
        await dora.OkAsync(dora.PostAsync("model-versions/set-tag", new { name = "churn", version = "1", key = "validated", value = "yes" }));
        await dora.OkAsync(dora.PostAsync("registered-models/alias", new { name = "churn", alias = "challenger", version = "1" }));
        var byAlias = await dora.OkAsync(dora.GetAsync("registered-models/alias?name=churn&alias=challenger"));
        var staging = await dora.OkAsync(dora.PostAsync("model-versions/transition-stage", new { name = "churn", version = "1", stage = "Staging", archive_existing_versions = false }));
        var pending = await dora.OkAsync(dora.PostAsync("model-versions/transition-stage", new { name = "churn", version = 1, stage = "Production", archive_existing_versions = true }));
        var requestId = pending.GetProperty("pending_approval").GetProperty("id").GetString();
        var own = await dora.PostAsync("transition-requests/approve", new { request_id = requestId, comment = "mine" });
        var approved = await rita.OkAsync(rita.PostAsync("transition-requests/approve", new { request_id = requestId, comment = "Card and slices reviewed" }));
        var latest = await dora.OkAsync(dora.PostAsync("registered-models/get-latest-versions", new { name = "churn", stages = new[] { "Production" } }));
        var search = await dora.OkAsync(dora.GetAsync($"model-versions/search?filter={Uri.EscapeDataString($"run_id = '{runId}'")}"));
        var models = await dora.OkAsync(dora.GetAsync("registered-models/search?filter=name%20LIKE%20%27ch%25%27&max_results=5"));
        var uri = await dora.OkAsync(dora.GetAsync("model-versions/get-download-uri?name=churn&version=1"));

        Assert.Equal(("churn", "Churn propensity", "dora"), (Str(created, "registered_model", "name"), Str(created, "registered_model", "description"), Str(created, "registered_model", "user_id")));
        var v = version.GetProperty("model_version");
        Assert.Equal(("1", runId, "READY", "None", $"runs:/{runId}/model"), (v.GetProperty("version").GetString(), v.GetProperty("run_id").GetString(),
            v.GetProperty("status").GetString(), v.GetProperty("current_stage").GetString(), v.GetProperty("source").GetString()));
        Assert.Equal("1", Str(byAlias, "model_version", "version"));
        Assert.Equal("Staging", Str(staging, "model_version", "current_stage"));
        Assert.Equal("Staging", Str(pending, "model_version", "current_stage"));
        Assert.Contains("needs the approval of a second DataScientist or Admin", pending.GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, own.StatusCode);
        var ownBody = await own.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("PERMISSION_DENIED", ownBody.GetProperty("error_code").GetString());
        Assert.Contains("another DataScientist or Admin must decide", ownBody.GetProperty("message").GetString());
        Assert.Equal(("approved", "rita"), (Str(approved, "request", "status"), Str(approved, "request", "decided_by")));
        Assert.Equal("Production", latest.GetProperty("model_versions")[0].GetProperty("current_stage").GetString());
        var found = search.GetProperty("model_versions")[0];
        Assert.Equal(["challenger"], found.GetProperty("aliases").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal("yes", found.GetProperty("tags")[0].GetProperty("value").GetString());
        var model = models.GetProperty("registered_models")[0];
        Assert.Equal("1", model.GetProperty("latest_versions")[0].GetProperty("version").GetString());
        Assert.Equal(("challenger", "1"), (model.GetProperty("aliases")[0].GetProperty("alias").GetString(), model.GetProperty("aliases")[0].GetProperty("version").GetString()));
        Assert.Equal($"runs:/{runId}/model.zip", uri.GetProperty("artifact_uri").GetString());
    }

    [Fact]
    public async Task ChampionThroughTheApiIsARequestAndRenameAndDeleteWork()
    {
        await using var portal = await PortalFactory.CreateAsync();
        var dora = new MlflowClient(await portal.ClientForAsync("dora", Roles.DataScientist));
        var runId = await portal.TrainAsync();
        await dora.OkAsync(dora.PostAsync("registered-models/create", new { name = "churn" }));
        await dora.OkAsync(dora.PostAsync("model-versions/create", new { name = "churn", source = $"runs:/{runId}/model.zip" }));

        var champion = await dora.OkAsync(dora.PostAsync("registered-models/alias", new { name = "churn", alias = "champion", version = "1", comment = "best so far" }));
        var list = await dora.OkAsync(dora.GetAsync("transition-requests/list?name=churn"));
        var noChampion = await dora.GetAsync("registered-models/alias?name=churn&alias=champion");
        await dora.OkAsync(dora.PostAsync("registered-models/rename", new { name = "churn", new_name = "churn-v2" }));
        var renamed = await dora.OkAsync(dora.GetAsync("registered-models/get?name=churn-v2"));
        await dora.OkAsync(dora.Http.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/2.0/mlflow/model-versions/delete") { Content = JsonContent.Create(new { name = "churn-v2", version = "1" }) }));
        await dora.OkAsync(dora.Http.DeleteAsync("/api/2.0/mlflow/registered-models/delete?name=churn-v2"));
        var gone = await dora.GetAsync("registered-models/get?name=churn-v2");

        Assert.Equal("alias @champion", champion.GetProperty("pending_approval").GetProperty("target").GetString());
        Assert.Equal("best so far", list.GetProperty("requests")[0].GetProperty("comment").GetString());
        Assert.Equal(HttpStatusCode.NotFound, noChampion.StatusCode);
        Assert.Equal("churn-v2", Str(renamed, "registered_model", "name"));
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal("RESOURCE_DOES_NOT_EXIST", (await gone.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error_code").GetString());
    }

    [Fact]
    public async Task SourcesOutsideTheRunsArtifactFolderAre400AndCreateNothing()
    {
        await using var portal = await PortalFactory.CreateAsync();
        var dora = new MlflowClient(await portal.ClientForAsync("dora", Roles.DataScientist));
        var runId = await portal.TrainAsync();
        var other = await portal.TrainAsync();
        await dora.OkAsync(dora.PostAsync("registered-models/create", new { name = "churn" }));
        string[] sources =
        [
            "file:///etc/passwd", "/etc/passwd", "s3://bucket/model.zip", $"runs:/{runId}/../{other}/model.zip", $"runs:/{runId}/../../../portal.db",
            $"runs:/{runId}/%2e%2e/{other}/model.zip", $"runs:/{runId}/%252e%252e/x.zip", $"runs:/{runId}/..\\..\\portal.db",
            $"mlflow-artifacts:/0/{runId}/artifacts/../../x.zip", $"mlflow-artifacts:/999/{runId}/artifacts/model.zip", "runs:/../../etc/passwd",
            $"runs:/{runId}//etc/passwd",
        ];
        var failures = new List<string>();

        foreach (var source in sources)
        {
            var response = await dora.PostAsync("model-versions/create", new { name = "churn", source });
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.BadRequest || !body.Contains("INVALID_PARAMETER_VALUE") || !body.Contains("source"))
                failures.Add($"{source}: {(int)response.StatusCode} {body}");
        }
        var versions = await dora.OkAsync(dora.GetAsync("model-versions/search?filter=name%3D%27churn%27"));

        Assert.Empty(failures);
        Assert.Empty(versions.GetProperty("model_versions").EnumerateArray());
    }

    [Theory]
    [InlineData("model-versions/create", "{\"name\":\"churn\"}", 400, "'source'")]
    [InlineData("model-versions/create", "{\"source\":\"runs:/abc/model\"}", 400, "'name'")]
    [InlineData("registered-models/create", "{\"name\":", 400, "Malformed JSON")]
    [InlineData("registered-models/create", "{}", 400, "'name'")]
    [InlineData("model-versions/transition-stage", "{\"name\":\"churn\",\"version\":\"1\",\"stage\":\"Prod\"}", 400, "Invalid Model Version stage: Prod")]
    [InlineData("model-versions/transition-stage", "{\"name\":\"churn\",\"version\":\"one\",\"stage\":\"Staging\"}", 400, "versions are positive integers")]
    [InlineData("model-versions/transition-stage", "{\"name\":\"nope\",\"version\":\"1\",\"stage\":\"Staging\"}", 404, "name=nope")]
    [InlineData("registered-models/alias", "{\"name\":\"churn\",\"alias\":\"v2\",\"version\":\"1\"}", 400, "are reserved")]
    [InlineData("registered-models/alias", "{\"name\":\"churn\",\"alias\":\"beta\",\"version\":\"9\"}", 404, "version=9")]
    [InlineData("transition-requests/approve", "{\"request_id\":\"7\"}", 400, "needs a comment")]
    [InlineData("transition-requests/approve", "{\"request_id\":\"x\",\"comment\":\"ok\"}", 400, "'request_id'")]
    public async Task BadRequestsGetAClearMlflowError(string path, string body, int status, string message)
    {
        await using var portal = await PortalFactory.CreateAsync();
        var dora = new MlflowClient(await portal.ClientForAsync("dora", Roles.DataScientist));
        await dora.OkAsync(dora.PostAsync("registered-models/create", new { name = "churn" }));

        var response = await dora.PostRawAsync(path, body);

        var error = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Contains(message, error.GetProperty("message").GetString());
        Assert.Equal(status == 404 ? "RESOURCE_DOES_NOT_EXIST" : "INVALID_PARAMETER_VALUE", error.GetProperty("error_code").GetString());
    }

    [Fact]
    public async Task ReadersCanReadButNotWriteAndBusinessUsersCannotRead()
    {
        await using var portal = await PortalFactory.CreateAsync();
        var dora = new MlflowClient(await portal.ClientForAsync("dora", Roles.DataScientist));
        var analyst = new MlflowClient(await portal.ClientForAsync("arthur", Roles.Analyst));
        var business = new MlflowClient(await portal.ClientForAsync("bella", Roles.BusinessUser));
        await dora.OkAsync(dora.PostAsync("registered-models/create", new { name = "churn" }));

        var read = await analyst.GetAsync("registered-models/get?name=churn");
        var write = await analyst.PostAsync("registered-models/create", new { name = "mine" });
        var approve = await analyst.PostAsync("transition-requests/approve", new { request_id = "1", comment = "ok" });
        var businessRead = await business.GetAsync("registered-models/search");

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, approve.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, businessRead.StatusCode);
    }

    private static string? Str(JsonElement e, string outer, string inner) => e.GetProperty(outer).GetProperty(inner).GetString();
}
