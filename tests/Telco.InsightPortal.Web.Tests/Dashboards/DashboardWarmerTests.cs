using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Telco.InsightPortal.Data.Dashboards;
using Telco.InsightPortal.TestSupport;
using Telco.InsightPortal.Web.Dashboards;
using Telco.InsightPortal.Web.Security;
using Telco.InsightPortal.Web.Tests.Deployments;

namespace Telco.InsightPortal.Web.Tests.Dashboards;

/// <summary>The warmer aggregates the seeded dashboards' snapshot charts ahead of their readers: after a pass, a
/// reader's chart through the API is answered from the cache, with no query sent to the database.</summary>
public sealed class DashboardWarmerTests(EmptyPortal portal) : IClassFixture<EmptyPortal>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AfterAPassTheSeededChartsAnswerFromTheCache()
    {
        var warmer = portal.Portal.Services.GetRequiredService<DashboardWarmer>();
        var charts = portal.Portal.Services.GetRequiredService<ChartQueryService>();
        var bella = await portal.Portal.ClientForAsync("bella-w", Roles.BusinessUser);
        var overview = (await bella.GetFromJsonAsync<JsonElement>("/api/v1/dashboards", Ct)).EnumerateArray()
            .Single(d => d.GetProperty("name").GetString() == DemoDashboards.ChurnOverview).GetProperty("id").GetInt64();
        var spec = (await bella.GetFromJsonAsync<JsonElement>($"/api/v1/dashboards/{overview}", Ct)).GetProperty("charts")
            .EnumerateArray().Single(c => c.GetProperty("id").GetString() == "charges").GetProperty("spec").GetRawText();

        var asked = await warmer.PassAsync(Ct);
        var before = charts.QueriesRun;
        var answer = await bella.PostAsync("/api/v1/charts/query", new StringContent(spec, Encoding.UTF8, "application/json"), Ct);

        Assert.True(asked >= 12, $"{asked} chart answers asked for (6 snapshot charts, with and without personal data)");
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal(before, charts.QueriesRun);
    }
}
