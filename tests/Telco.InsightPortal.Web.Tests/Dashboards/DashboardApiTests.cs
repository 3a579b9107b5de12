using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Telco.InsightPortal.TestSupport;
using Telco.InsightPortal.Web.Security;
using Telco.InsightPortal.Web.Tests.Deployments;

namespace Telco.InsightPortal.Web.Tests.Dashboards;

/// <summary><c>/api/v1/dashboards</c> on a real portal: an analyst creates, saves and shares; the business user it is
/// shared with reads it (and its charts' specs run as is) but may not change it; another analyst gets 403; a stale save
/// 409; bad documents 400 naming the path; history and restore.</summary>
public sealed class DashboardApiTests(EmptyPortal portal) : IClassFixture<EmptyPortal>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Spec = """
        {"version":1,"source":{"kind":"snapshot","dataset":"telco-churn","snapshot":"latest"},"type":"bar","x":{"field":"Contract"}}
        """;

    private static string Draft(string name, int? version = null) => $$"""
        {"name":"{{name}}","version":{{(version?.ToString() ?? "null")}},"charts":[{"id":"contract","title":"By contract","spec":{{Spec}}}],
         "texts":[{"markdown":"Counts per **contract**"}],"filters":[{"field":"InternetService","values":["Fiber optic"]}]}
        """;

    [Fact]
    public async Task AnAnalystSharesADashboardThatTheBusinessUserReadsButCannotChange()
    {
        var ana = await portal.Portal.ClientForAsync("ana-d", Roles.Analyst);
        var bella = await portal.Portal.ClientForAsync("bella-d", Roles.BusinessUser);
        var carl = await portal.Portal.ClientForAsync("carl-d", Roles.Analyst);

        var created = await JsonAsync(await ana.PostAsync("/api/v1/dashboards", Body(Draft("Churn")), Ct), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetInt64();
        var beforeShare = await bella.GetAsync($"/api/v1/dashboards/{id}", Ct);
        var shared = await ana.PutAsync($"/api/v1/dashboards/{id}/shares", Body("""[{"role":"BusinessUser","access":"viewer"}]"""), Ct);
        var read = await JsonAsync(await bella.GetAsync($"/api/v1/dashboards/{id}", Ct), HttpStatusCode.OK);
        var spec = read.GetProperty("charts")[0].GetProperty("spec").GetRawText();
        var rows = await JsonAsync(await bella.PostAsync("/api/v1/charts/query", Body(spec), Ct), HttpStatusCode.OK);
        var bellaSave = await bella.PutAsync($"/api/v1/dashboards/{id}", Body(Draft("Mine")), Ct);
        var carlRead = await carl.GetAsync($"/api/v1/dashboards/{id}", Ct);
        var carlList = await carl.GetFromJsonAsync<JsonElement>("/api/v1/dashboards", Ct);
        var bellaList = await bella.GetFromJsonAsync<JsonElement>("/api/v1/dashboards", Ct);

        Assert.Equal(HttpStatusCode.Forbidden, beforeShare.StatusCode);
        Assert.Equal(HttpStatusCode.OK, shared.StatusCode);
        Assert.Equal(("Churn", "viewer", JsonValueKind.Null), (read.GetProperty("name").GetString(), read.GetProperty("access").GetString(), read.GetProperty("shares").ValueKind));
        Assert.Equal(3, rows.GetProperty("rows").GetArrayLength());
        Assert.Equal(HttpStatusCode.Forbidden, bellaSave.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, carlRead.StatusCode);
        Assert.DoesNotContain(carlList.EnumerateArray(), d => d.GetProperty("id").GetInt64() == id);
        Assert.Contains(bellaList.EnumerateArray(), d => d.GetProperty("id").GetInt64() == id && d.GetProperty("access").GetString() == "viewer");
    }

    [Fact]
    public async Task SavesMakeVersionsAStaleSaveIsRefusedAndAnOldVersionCanBeRestored()
    {
        var ana = await portal.Portal.ClientForAsync("ana-v", Roles.Analyst);
        var id = (await JsonAsync(await ana.PostAsync("/api/v1/dashboards", Body(Draft("First")), Ct), HttpStatusCode.Created)).GetProperty("id").GetInt64();

        var saved = await JsonAsync(await ana.PutAsync($"/api/v1/dashboards/{id}", Body(Draft("Second", version: 1)), Ct), HttpStatusCode.OK);
        var stale = await ana.PutAsync($"/api/v1/dashboards/{id}", Body(Draft("Third", version: 1)), Ct);
        var restored = await JsonAsync(await ana.PostAsync($"/api/v1/dashboards/{id}/versions/1/restore", null, Ct), HttpStatusCode.OK);
        var versions = await ana.GetFromJsonAsync<JsonElement>($"/api/v1/dashboards/{id}/versions", Ct);
        var copy = await JsonAsync(await ana.PostAsync($"/api/v1/dashboards/{id}/duplicate", null, Ct), HttpStatusCode.Created);
        var deleted = await ana.DeleteAsync($"/api/v1/dashboards/{id}", Ct);
        var gone = await ana.GetAsync($"/api/v1/dashboards/{id}", Ct);

        Assert.Equal(2, saved.GetProperty("version").GetInt64());
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("reload it", await stale.Content.ReadAsStringAsync(Ct));
        Assert.Equal((3, "First"), (restored.GetProperty("version").GetInt64(), restored.GetProperty("name").GetString()));
        Assert.Equal([3L, 2L, 1L], versions.EnumerateArray().Select(v => v.GetProperty("version").GetInt64()));
        Assert.Equal("restored from version 1", versions[0].GetProperty("note").GetString());
        Assert.Equal("Copy of First", copy.GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Theory]
    [InlineData("""{"name":"x","charts":[{"spec":{"version":1,"type":"bar"}}]}""", "charts[0].spec.source")]
    [InlineData("""{"name":"x","charts":[{"spec":{"version":1,"source":{"kind":"snapshot","dataset":"d"},"type":"bar"},"layout":{"x":11,"w":4}}]}""", "charts[0].layout.w")]
    [InlineData("""{"name":"x","shares":[]}""", "shares")]
    [InlineData("""{"name":"x","texts":[{"markdown":"<script>"},{"markdown":1}]}""", "texts[1].markdown")]
    public async Task ABadDocumentGets400NamingItsPathAndNothingIsSaved(string body, string path)
    {
        var ana = await portal.Portal.ClientForAsync("ana-b" + path.Length + path[^1], Roles.Analyst);
        var before = (await ana.GetFromJsonAsync<JsonElement>("/api/v1/dashboards", Ct)).GetArrayLength();

        var answer = await ana.PostAsync("/api/v1/dashboards", Body(body), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Contains(path, await answer.Content.ReadAsStringAsync(Ct));
        Assert.Equal(before, (await ana.GetFromJsonAsync<JsonElement>("/api/v1/dashboards", Ct)).GetArrayLength());
    }

    [Fact]
    public async Task OversizedBodiesGet413AndBadSharesGet400()
    {
        var ana = await portal.Portal.ClientForAsync("ana-s", Roles.Analyst);
        var id = (await JsonAsync(await ana.PostAsync("/api/v1/dashboards", Body(Draft("Shares")), Ct), HttpStatusCode.Created)).GetProperty("id").GetInt64();

        var huge = await ana.PostAsync("/api/v1/dashboards", Body("{\"name\":\"" + new string('x', 600_000) + "\"}"), Ct);
        var noRole = await ana.PutAsync($"/api/v1/dashboards/{id}/shares", Body("""[{"role":"Wizard","access":"viewer"}]"""), Ct);
        var both = await ana.PutAsync($"/api/v1/dashboards/{id}/shares", Body("""[{"role":"Analyst","user":"x","access":"viewer"}]"""), Ct);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noRole.StatusCode);
        Assert.Contains("not a portal role", await noRole.Content.ReadAsStringAsync(Ct));
        Assert.Contains("exactly one of", await both.Content.ReadAsStringAsync(Ct));
    }

    private static StringContent Body(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
