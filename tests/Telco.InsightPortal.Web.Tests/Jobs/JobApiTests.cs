using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Telco.InsightPortal.TestSupport;
using Telco.InsightPortal.Web.Security;
using Telco.InsightPortal.Web.Tests.Deployments;

namespace Telco.InsightPortal.Web.Tests.Jobs;

/// <summary><c>/api/v1/jobs</c> on a real portal: a data scientist saves jobs (checked whole before anything is
/// saved: kinds, parameters, cron, dependencies, cycles), readers read, other roles get 403; stale saves 409.</summary>
public sealed class JobApiTests(EmptyPortal portal) : IClassFixture<EmptyPortal>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Ingest(string name, string extra = "") =>
        $$"""{"name":"{{name}}","kind":"ingest","parameters":{"dataset":"telco-churn","rows":5}{{extra}}}""";

    [Fact]
    public async Task ADataScientistSavesAJobThatAuditorsReadAndOtherRolesCannotChange()
    {
        var dora = await portal.Portal.ClientForAsync(Unique("dora"), Roles.DataScientist);
        var otto = await portal.Portal.ClientForAsync(Unique("otto"), Roles.Auditor);
        var ana = await portal.Portal.ClientForAsync(Unique("ana"), Roles.Analyst);
        var bella = await portal.Portal.ClientForAsync(Unique("bella"), Roles.BusinessUser);

        var created = await JsonAsync(await dora.PostAsync("/api/v1/jobs", Body(Ingest("batch-a", ",\"schedule\":\"0 2 * * *\"")), Ct), HttpStatusCode.Created);
        var read = await JsonAsync(await otto.GetAsync("/api/v1/jobs/batch-a", Ct), HttpStatusCode.OK);
        var list = await otto.GetFromJsonAsync<JsonElement>("/api/v1/jobs", Ct);
        var kinds = await otto.GetFromJsonAsync<JsonElement>("/api/v1/jobs/kinds", Ct);

        Assert.Equal((1, "0 0 2 * * ?"), (created.GetProperty("version").GetInt32(), created.GetProperty("definition").GetProperty("schedule").GetString()));
        Assert.True(created.GetProperty("nextRun").GetDateTimeOffset() > DateTimeOffset.UtcNow);
        Assert.Equal("telco-churn", read.GetProperty("definition").GetProperty("parameters").GetProperty("dataset").GetString());
        Assert.Contains(list.EnumerateArray(), j => j.GetProperty("name").GetString() == "batch-a" && j.GetProperty("kind").GetString() == "ingest");
        Assert.Contains(kinds.EnumerateArray(), k => k.GetProperty("name").GetString() == "simulate-traffic");
        Assert.Equal(HttpStatusCode.Forbidden, (await ana.PostAsync("/api/v1/jobs", Body(Ingest("batch-b")), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await otto.PostAsync("/api/v1/jobs/batch-a/runs", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await bella.GetAsync("/api/v1/jobs", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otto.GetAsync("/api/v1/jobs/nope", Ct)).StatusCode);
    }

    [Theory]
    [InlineData("""{"name":"bad-kind","kind":"bake"}""", "Invalid job at kind: unknown kind 'bake'")]
    [InlineData("""{"name":"bad-cron","kind":"ingest","parameters":{"dataset":"d"},"schedule":"99 * * * *"}""", "Invalid job at schedule:")]
    [InlineData("""{"name":"bad-param","kind":"ingest","parameters":{"dataset":"d","speed":3}}""", "Invalid job at parameters.speed: unknown property")]
    [InlineData("""{"name":"bad-after","kind":"ingest","parameters":{"dataset":"d"},"after":["ghost"]}""", "Invalid job at after[0]: there is no job named 'ghost'")]
    [InlineData("not json", "not valid JSON")]
    public async Task ABadDefinitionIsRefusedNamingWhatIsWrongAndNothingIsSaved(string body, string message)
    {
        var dora = await portal.Portal.ClientForAsync(Unique("dora"), Roles.DataScientist);

        var response = await dora.PostAsync("/api/v1/jobs", Body(body), Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, text);
        var list = await dora.GetFromJsonAsync<JsonElement>("/api/v1/jobs", Ct);
        Assert.DoesNotContain(list.EnumerateArray(), j => j.GetProperty("name").GetString()!.StartsWith("bad-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DependenciesMustExistMustNotMakeACycleAndKeepTheirJobsFromBeingDeleted()
    {
        var dora = await portal.Portal.ClientForAsync(Unique("dora"), Roles.DataScientist);
        await JsonAsync(await dora.PostAsync("/api/v1/jobs", Body(Ingest("first")), Ct), HttpStatusCode.Created);
        await JsonAsync(await dora.PostAsync("/api/v1/jobs", Body(Ingest("second", ",\"after\":[\"first\"]")), Ct), HttpStatusCode.Created);

        var cycle = await dora.PutAsync("/api/v1/jobs/first", Body(Ingest("first", ",\"after\":[\"second\"]")), Ct);
        var renamed = await dora.PutAsync("/api/v1/jobs/first", Body(Ingest("other")), Ct);
        var duplicate = await dora.PostAsync("/api/v1/jobs", Body(Ingest("first")), Ct);
        var blocked = await dora.DeleteAsync("/api/v1/jobs/first", Ct);
        var saved = await dora.PutAsync("/api/v1/jobs/first?version=1", Body(Ingest("first", ",\"enabled\":false")), Ct);
        var stale = await dora.PutAsync("/api/v1/jobs/first?version=1", Body(Ingest("first")), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, cycle.StatusCode);
        Assert.Contains("first → second → first", await cycle.Content.ReadAsStringAsync(Ct));
        Assert.Contains("cannot be renamed", await renamed.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, blocked.StatusCode);
        Assert.Contains("second", await blocked.Content.ReadAsStringAsync(Ct));
        Assert.Equal(2, (await JsonAsync(saved, HttpStatusCode.OK)).GetProperty("version").GetInt32());
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await dora.DeleteAsync("/api/v1/jobs/second", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await dora.DeleteAsync("/api/v1/jobs/first", Ct)).StatusCode);
    }

    [Fact]
    public async Task RunRequestsAreCheckedAndAnUnknownRunIsNotFound()
    {
        var dora = await portal.Portal.ClientForAsync(Unique("dora"), Roles.DataScientist);
        await JsonAsync(await dora.PostAsync("/api/v1/jobs", Body(Ingest("checked", ",\"enabled\":false")), Ct), HttpStatusCode.Created);

        var badOverride = await dora.PostAsync("/api/v1/jobs/checked/runs", Body("""{"parameters":{"rows":-1}}"""), Ct);
        var unknownJob = await dora.PostAsync("/api/v1/jobs/ghost/runs", null, Ct);
        var unknownRun = await dora.GetAsync("/api/v1/jobs/checked/runs/987654", Ct);
        var cancelUnknown = await dora.PostAsync("/api/v1/jobs/checked/runs/987654/cancel", null, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, badOverride.StatusCode);
        Assert.Contains("parameters.rows", await badOverride.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.NotFound, unknownJob.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownRun.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, cancelUnknown.StatusCode);
        Assert.Empty(await dora.GetFromJsonAsync<JsonElement[]>("/api/v1/jobs/checked/runs", Ct) ?? []);
    }

    private static string Unique(string name) => name + "-" + Guid.NewGuid().ToString("N")[..6];

    internal static StringContent Body(string json) => new(json, Encoding.UTF8, "application/json");

    internal static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
