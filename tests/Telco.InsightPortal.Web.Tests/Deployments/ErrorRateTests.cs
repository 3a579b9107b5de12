using Bunit.TestDoubles;
using Bunit;
using Telco.InsightPortal.Data.Deployments;
using Telco.InsightPortal.Web.Deployments.Pages;
using Telco.InsightPortal.Web.Security;

namespace Telco.InsightPortal.Web.Tests.Deployments;

[Collection(nameof(DeployedPortalCollection))]
public sealed class ErrorRateTests(DeployedPortal portal) : DeploymentsTestContext(portal)
{
    [Fact]
    public void MinutesSumIntoBucketsWithTheirErrorRate()
    {
        MinuteCounts[] minutes = [new(100, 8, 2, 0), new(101, 2, 0, 5), new(102, 0, 0, 3), new(104, 4, 4, 0)];

        var buckets = ErrorRates.Of(minutes, TimeSpan.FromMinutes(2));

        Assert.Equal([100 * 60_000L, 102 * 60_000L, 104 * 60_000L], buckets.Select(b => b.Start.ToUnixTimeMilliseconds()));
        Assert.Equal((10L, 2L, 20.0, 5L), (buckets[0].Requests, buckets[0].Failed, buckets[0].ErrorRatePercent, buckets[0].Dropped));
        Assert.Equal((0L, 0.0, 3L), (buckets[1].Requests, buckets[1].ErrorRatePercent, buckets[1].Dropped));
        Assert.Equal(100.0, buckets[2].ErrorRatePercent);
    }

    [Fact]
    public async Task TheChartSumsTheLastDayAndSaysWhatCountsAsRefused()
    {
        await DeployAsync("churn-errors");
        SignIn("rita", Policies.DeploymentsRead);
        var store = Portal.Get<DeploymentStore>();
        var d = (await store.GetAsync("churn-errors", Ct))!;
        var minute = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 60_000;
        await store.WritePredictionsAsync([], [new CounterDelta(d.Id, minute - 3, 30, 3, 0), new CounterDelta(d.Id, minute, 10, 3, 2),
            new CounterDelta(d.Id, minute - 2 * 24 * 60, 500, 500, 0)], Ct);

        var chart = Render<ErrorRateChart>(p => p.Add(x => x.Deployment, d));

        chart.WaitForAssertion(() => Assert.Contains("40 requests, 6 refused (15%), 2 predictions dropped",
            System.Text.RegularExpressions.Regex.Replace(chart.Find("#errors-summary").TextContent, @"\s+", " ")));
        var rate = Assert.Single(chart.FindComponent<Stub<UI.LineChart>>().Instance.Parameters.Get(x => x.Series));
        Assert.Equal([10.0, 30.0], rate.Y);
    }

    [Fact]
    public async Task ADeploymentWithNoRequestsSaysSo()
    {
        await DeployAsync("churn-quiet");
        SignIn("rita", Policies.DeploymentsRead);
        var d = (await Portal.Get<DeploymentStore>().GetAsync("churn-quiet", Ct))!;

        var chart = Render<ErrorRateChart>(p => p.Add(x => x.Deployment, d));

        chart.WaitForAssertion(() => Assert.Equal("No requests counted in the last day.", chart.Find("#errors-empty").TextContent));
    }
}
