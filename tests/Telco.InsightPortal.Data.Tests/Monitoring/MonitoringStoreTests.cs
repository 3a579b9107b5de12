using Telco.InsightPortal.Core.Errors;
using Telco.InsightPortal.Core.Monitoring;
using Telco.InsightPortal.Data.Monitoring;
using Telco.InsightPortal.Data.Store;
using static Telco.InsightPortal.Data.Tests.Monitoring.MonitoredDeployment;

namespace Telco.InsightPortal.Data.Tests.Monitoring;

/// <summary>Metrics and drift of <see cref="MonitoredDeployment"/>, computed in the store, against figures worked out
/// from the rows it logged, on both dialects.</summary>
public sealed class MonitoringStoreTests
{
    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task DriftFiresForTheShiftedFeaturesAndNotForTheOthers(StoreProvider provider)
    {
        await using var d = await CreateAsync(provider);

        var report = await d.Service.DriftAsync(Name, Start, Start.AddHours(2), TimeSpan.FromHours(1));

        var status = report.Verdict.Features.ToDictionary(f => f.Name, f => f.Status);
        Assert.Equal(DriftStatus.Alert, status["tenure"]);
        Assert.Equal(DriftStatus.Alert, status["Contract"]);
        Assert.Equal(DriftStatus.Ok, status["MonthlyCharges"]);
        Assert.Equal(DriftStatus.Ok, status["PaymentMethod"]);
        Assert.Equal(DriftStatus.Alert, report.Verdict.Worst);
        Assert.All(report.Verdict.Features, f => Assert.Equal((TrainingRows, Logged), (f.ReferenceCount, f.CurrentCount)));
        Assert.All(report.Verdict.Features, f => Assert.InRange(f.PValue!.Value, 0, 1));
        Assert.Equal(2, report.Windows.Count);
        Assert.All(report.Windows, w => Assert.Equal(DriftStatus.Alert, w.Features.Single(f => f.Name == "tenure").Status));
        Assert.Equal("churn/1", report.ModelVersion);
        // Closed hours are kept after the first count; a second report reads them from memory and agrees.
        var again = await d.Service.DriftAsync(Name, Start, Start.AddHours(2), TimeSpan.FromHours(1));
        Assert.Equal(report.Verdict.Features, again.Verdict.Features);
        var unaligned = await d.Service.DriftAsync(Name, Start.AddMinutes(-30), Start.AddHours(2));
        Assert.Equal(report.Verdict.Features.Select(f => (f.Name, f.Psi, f.Status)), unaligned.Verdict.Features.Select(f => (f.Name, f.Psi, f.Status)));
    }

    /// <summary>The roll-up saves closed hours once, and reports (here by a fresh service, as after a restart) read them
    /// from its tables: with the log's rows deleted afterwards, drift is unchanged, and so are the log's figures in the
    /// metrics — exactly for hourly windows, latency percentiles within 1 % for a two-hour one.</summary>
    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task RolledUpHoursAnswerDriftReportsWithoutTheLog(StoreProvider provider)
    {
        await using var d = await CreateAsync(provider);
        var live = await d.Service.DriftAsync(Name, Start, Start.AddHours(2), TimeSpan.FromHours(1));
        var hourly = await d.Service.MetricsAsync(Name, Start, Start.AddHours(2), TimeSpan.FromHours(1));
        var twoHours = Assert.Single((await d.Service.MetricsAsync(Name, Start, Start.AddHours(2), TimeSpan.FromHours(2))).Windows);
        MonitoringService Instance() => new(d.Deployments, new MonitoringStore(d.Store.Store.Factory), d.Alerts, new MonitoringOptions { RollupDays = 400 },
            TimeProvider.System);

        Assert.Equal(new RollupResult(2, 2), await Instance().RollUpAsync(Name, maxHours: 2));
        // A second instance takes the next hours (empty ones are marked too), never the two already saved.
        Assert.Equal(new RollupResult(2, 2), await Instance().RollUpAsync(Name, maxHours: 2));
        // The training side is saved too: a fresh store reads from the table what the first one counted from the snapshot.
        var snapshot = live.SnapshotId!.Value;
        var counted = await d.Monitoring.ReferenceAsync(snapshot);
        var read = await new MonitoringStore(d.Store.Store.Factory).ReferenceAsync(snapshot);
        Assert.Equal(ReferenceJson.Write(counted!), ReferenceJson.Write(read!));
        Assert.Equal(counted!.Features.Count(f => f.Bins is not null), read!.Features.Count(f => f.Bins is not null));
        await using (var c = await d.Store.Store.Factory.OpenAsync())
            await Dapper.SqlMapper.ExecuteAsync(c, "DELETE FROM prediction_labels WHERE deployment_id = @Id; DELETE FROM predictions WHERE deployment_id = @Id",
                new { d.Deployment.Id });
        var rolled = await Instance().DriftAsync(Name, Start, Start.AddHours(2), TimeSpan.FromHours(1));

        Assert.Equal(live.Verdict.Features, rolled.Verdict.Features);
        Assert.Equal(live.Windows.SelectMany(w => w.Features), rolled.Windows.SelectMany(w => w.Features));
        Assert.All(rolled.Verdict.Features, f => Assert.Equal(Logged, f.CurrentCount));
        var rolledHourly = await Instance().MetricsAsync(Name, Start, Start.AddHours(2), TimeSpan.FromHours(1));
        Assert.Equal(hourly.Windows.Select(w => (w.Predictions, w.Latency, w.Estimated, string.Join(",", w.ModelVersions))),
            rolledHourly.Windows.Select(w => (w.Predictions, w.Latency, w.Estimated, string.Join(",", w.ModelVersions))));
        var rolledTwo = Assert.Single((await Instance().MetricsAsync(Name, Start, Start.AddHours(2), TimeSpan.FromHours(2))).Windows);
        Assert.Equal((twoHours.Predictions, twoHours.Estimated), (rolledTwo.Predictions, rolledTwo.Estimated));
        Assert.InRange(rolledTwo.Latency.P95!.Value / twoHours.Latency.P95!.Value, 0.99, 1.01);
        Assert.InRange(rolledTwo.Latency.P50!.Value / twoHours.Latency.P50!.Value, 0.99, 1.01);
        // The log is empty now, so an hour the roll-up never saved counts nothing.
        var unsaved = await Instance().DriftAsync(Name, Start.AddHours(5), Start.AddHours(6));
        Assert.All(unsaved.Verdict.Features, f => Assert.Equal(0, f.CurrentCount));
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task CountedDriftAgreesWithTheRawSampleStatistics(StoreProvider provider)
    {
        await using var d = await CreateAsync(provider);

        var report = await d.Service.DriftAsync(Name, Start, Start.AddHours(2));

        // The categorical statistics are exact; the binned KS is a lower bound of the exact D.
        var contract = report.Verdict.Features.Single(f => f.Name == "Contract");
        var training = report.Distributions.Single(f => f.Feature == "Contract");
        Assert.Equal(1.0, training.Training.Sum(), 9);
        Assert.Equal(1.0, training.Window.Sum(), 9);
        Assert.Equal(FeatureKind.Categorical, contract.Kind);
        Assert.True(contract.Psi > 0.25);
        var tenure = report.Verdict.Features.Single(f => f.Name == "tenure");
        Assert.InRange(tenure.Statistic!.Value, 0.3, 0.5);
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task RealisedMetricsEqualTheHandComputedOnes(StoreProvider provider)
    {
        await using var d = await CreateAsync(provider);

        var report = await d.Service.MetricsAsync(Name, Start, Start.AddHours(2), TimeSpan.FromHours(1));

        Assert.Equal(2, report.Windows.Count);
        for (var w = 0; w < 2; w++)
        {
            var rows = d.Rows.Where(r => r.At >= Start.AddHours(w) && r.At < Start.AddHours(w + 1)).ToList();
            var labelled = rows.Where(r => r.Actual is not null).Select(r => new ScoredOutcome(r.Probability, r.Predicted == 1, r.Actual == 1)).ToList();
            var expected = RealisedPerformance.From(labelled);
            var window = report.Windows[w];
            Assert.Equal(labelled.Count, window.Realised!.Labelled);
            Assert.Equal(expected.Accuracy!.Value, window.Realised.Accuracy!.Value, 12);
            Assert.Equal(expected.Precision!.Value, window.Realised.Precision!.Value, 12);
            Assert.Equal(expected.Recall!.Value, window.Realised.Recall!.Value, 12);
            Assert.Equal(expected.RocAuc!.Value, window.Realised.RocAuc!.Value, 9);
            var latency = LatencySummary.From(rows.Select(r => r.Latency).ToList());
            Assert.Equal(latency.P50!.Value, window.Latency.P50!.Value, 9);
            Assert.Equal(latency.P95!.Value, window.Latency.P95!.Value, 9);
            Assert.Equal(latency.P99!.Value, window.Latency.P99!.Value, 9);
            Assert.Equal(rows.Count, window.Predictions);
            Assert.Equal(60 * 50, window.Requests);
            Assert.Equal(0.1, window.ErrorRate!.Value, 12);
            Assert.Equal(["churn/1"], window.ModelVersions);
        }
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task ALabelArrivingAfterAReportShowsInTheNextOneOfTheSameRange(StoreProvider provider)
    {
        await using var d = await CreateAsync(provider);
        var before = await d.Service.MetricsAsync(Name, Start, Start.AddHours(2), TimeSpan.FromHours(1));
        var unlabelled = (await d.Deployments.PredictionsAsync(d.Deployment, Start.ToUnixTimeMilliseconds(), Start.AddHours(1).ToUnixTimeMilliseconds(), 10))
            .First(p => p.TrueLabel is null);

        await d.Deployments.AddLabelsAsync(d.Deployment, [new(unlabelled.Uuid, 1)]);
        var after = await d.Service.MetricsAsync(Name, Start, Start.AddHours(2), TimeSpan.FromHours(1));

        Assert.Equal(before.Windows[0].Realised!.Labelled + 1, after.Windows[0].Realised!.Labelled);
        Assert.Equal(before.Windows[1].Realised!.Labelled, after.Windows[1].Realised!.Labelled);
        Assert.Equal(before.Windows[0].Estimated, after.Windows[0].Estimated);
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task TheEstimateOnACalibratedStreamHoldsTheRealisedFigureInItsBand(StoreProvider provider)
    {
        await using var d = await CreateAsync(provider);

        var report = await d.Service.MetricsAsync(Name, Start, Start.AddHours(2), TimeSpan.FromHours(1));

        foreach (var window in report.Windows)
        {
            Assert.True(window.Estimated!.RocAuc!.Contains(window.Realised!.RocAuc!.Value),
                $"estimated {window.Estimated.RocAuc} vs realised {window.Realised.RocAuc}");
            Assert.True(window.Estimated.Accuracy!.Contains(window.Realised.Accuracy!.Value),
                $"estimated {window.Estimated.Accuracy} vs realised {window.Realised.Accuracy}");
            Assert.True(window.Estimated.RocAuc.Upper - window.Estimated.RocAuc.Lower is > 0 and < 0.2);
        }
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task AWindowWithTooFewRowsSaysSoInsteadOfANumber(StoreProvider provider)
    {
        await using var d = await CreateAsync(provider);

        // 20 predictions: one every 3 s for a minute.
        var report = await d.Service.DriftAsync(Name, Start, Start.AddMinutes(1));

        Assert.Equal(DriftStatus.Insufficient, report.Verdict.Worst);
        Assert.All(report.Verdict.Features, f =>
        {
            Assert.Equal(DriftStatus.Insufficient, f.Status);
            Assert.Null(f.Psi);
            Assert.Null(f.PValue);
            Assert.Equal(20, f.CurrentCount);
            Assert.Contains("at least 30", f.Reason);
        });
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task EmptyWindowsHaveNoFiguresAndAnEmptyRangeHasNoTraffic(StoreProvider provider)
    {
        await using var d = await CreateAsync(provider);

        var report = await d.Service.MetricsAsync(Name, Start.AddDays(-1), Start.AddDays(-1).AddHours(3), TimeSpan.FromHours(1));

        Assert.Equal(3, report.Windows.Count);
        Assert.All(report.Windows, w =>
        {
            Assert.Equal(0, w.Requests);
            Assert.Null(w.ErrorRate);
            Assert.Null(w.Realised);
            Assert.Null(w.Estimated);
            Assert.Null(w.Latency.P50);
            Assert.Empty(w.ModelVersions);
        });
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    public async Task BadRangesAndUnknownDeploymentsAreRefusedNamingTheProblem(StoreProvider provider)
    {
        await using var d = await CreateAsync(provider, logged: 10);

        var unknown = await Assert.ThrowsAsync<PortalException>(() => d.Service.MetricsAsync("nope", Start, Start.AddHours(1), TimeSpan.FromHours(1)));
        var backwards = await Assert.ThrowsAsync<PortalException>(() => d.Service.MetricsAsync(Name, Start, Start, TimeSpan.FromHours(1)));
        var many = await Assert.ThrowsAsync<PortalException>(() => d.Service.MetricsAsync(Name, Start, Start.AddDays(30), TimeSpan.FromMinutes(1)));
        var drift = await Assert.ThrowsAsync<PortalException>(() => d.Service.DriftAsync(Name, Start, Start.AddDays(30), TimeSpan.FromHours(1)));

        Assert.Equal(ErrorKind.NotFound, unknown.Kind);
        Assert.Contains("'from'", backwards.Message);
        Assert.Contains("at most 2000", many.Message);
        Assert.Contains("at most 200", drift.Message);
    }
}
