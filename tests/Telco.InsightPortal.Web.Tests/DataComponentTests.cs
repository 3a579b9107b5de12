using Bunit;
using Telco.InsightPortal.Core.Data.Ingestion;
using Telco.InsightPortal.Core.Data;
using Telco.InsightPortal.Data.Datasets;
using Telco.InsightPortal.UI;
using Telco.InsightPortal.Web.Datasets.Pages;

namespace Telco.InsightPortal.Web.Tests;

public sealed class DataComponentTests : PortalTestContext
{
    private static Snapshot Snap(long id, long? parent, string operation, long added, long total) =>
        new(id, 1, parent, DateTimeOffset.UtcNow, "tester", operation, added, 0, total, 1, 1 + total, new string('a', 64), "upload:x.csv");

    [Fact]
    public void TimelineMarksTheViewedSnapshotAndReportsTheChosenOne()
    {
        Snapshot? chosen = null;
        var snapshots = new[] { Snap(2, 1, "append", 5, 15), Snap(1, null, "append", 10, 10) };
        AddAuthorization().SetAuthorized("bob");

        var cut = Render<SnapshotTimeline>(p => p.Add(x => x.Snapshots, snapshots).Add(x => x.Selected, snapshots[1])
            .Add(x => x.OnSelect, s => chosen = s));
        cut.FindAll(".mud-paper")[0].Click();

        Assert.Contains("viewing", cut.FindAll(".mud-paper")[1].TextContent);
        Assert.Equal(2, chosen?.Id);
        Assert.Contains("+5 rows → 15 total", cut.Markup);
    }

    [Fact]
    public void TheTimelineLinksEachSnapshotsImpactOnlyForLineageReaders()
    {
        var snapshots = new[] { Snap(2, 1, "append", 5, 15), Snap(1, null, "append", 10, 10) };
        var auth = AddAuthorization();
        auth.SetAuthorized("bob");

        var business = Render<SnapshotTimeline>(p => p.Add(x => x.Snapshots, snapshots));
        auth.SetPolicies(Web.Security.Policies.LineageRead);
        var auditor = Render<SnapshotTimeline>(p => p.Add(x => x.Snapshots, snapshots));

        Assert.Empty(business.FindAll(".snapshot-impact-link"));
        Assert.Equal(["/lineage/impact/2", "/lineage/impact/1"], auditor.FindAll(".snapshot-impact-link").Select(a => a.GetAttribute("href")));
    }

    [Fact]
    public void ErrorReportShowsEveryRowErrorAsTextNeverMarkup()
    {
        var outcome = new IngestOutcome
        {
            Schema = null, RowsRead = 3, BadRows = 1,
            Errors = [new RowError(2, 3, "plan", "<img src=x onerror=alert(1)>", "not a number")],
        };
        var result = IngestResult.Fail(IngestFailure.BadRequest, "1 of 3 rows have errors; nothing was committed.", outcome);

        var cut = Render<IngestErrorReport>(p => p.Add(x => x.Result, result).Add(x => x.Message, result.Message));

        Assert.Contains("nothing was committed", cut.Find("#ingest-error").TextContent);
        Assert.Empty(cut.FindAll("img"));
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", cut.Markup);
        Assert.Contains("not a number", cut.Find("#error-report").TextContent);
    }

    [Fact]
    public void ProfileCardHandsItsDistributionToTheChart()
    {
        var profile = new ColumnProfile(new DatasetColumn(0, "Contract", ColumnType.Text), 10, 1, 3, "Month-to-month", "Two year", null,
            false, [new ProfileBin("Month-to-month", 6), new ProfileBin("Two year", 3)]);

        var cut = Render<ColumnProfileCard>(p => p.Add(x => x.Profile, profile));

        var chart = cut.FindComponent<Bunit.TestDoubles.Stub<BarChart>>();
        Assert.Equal(["Month-to-month", "Two year"], chart.Instance.Parameters.Get(x => x.Labels));
        Assert.Equal([6.0, 3.0], chart.Instance.Parameters.Get(x => x.Values));
        Assert.Contains("nulls 1 (10.0 %)", cut.Markup.Replace("10.0%", "10.0 %"));
    }
}
