using System.Text.RegularExpressions;
using Telco.InsightPortal.Core.Data;
using Telco.InsightPortal.Core.Data.Generators;
using static Telco.InsightPortal.Core.Tests.Generators.GeneratedData;

namespace Telco.InsightPortal.Core.Tests.Generators;

public sealed partial class TelcoChurnGeneratorTests
{
    private static readonly TelcoChurnGenerator Generator = new();

    private static List<object?[]> Generate(int rows, int seed = 42, double drift = 0, long batch = 0) =>
        Generator.Generate(new GeneratorRequest(rows, seed, drift, batch)).ToList();

    private static int Column(string name) => Generator.Schema.Find(name)!.Ordinal;

    [Fact]
    public void SchemaHasTheIbmSampleColumnsInOrder()
    {
        var schema = Generator.Schema;

        Assert.Equal(
            ["customerID", "gender", "SeniorCitizen", "Partner", "Dependents", "tenure", "PhoneService", "MultipleLines",
             "InternetService", "OnlineSecurity", "OnlineBackup", "DeviceProtection", "TechSupport", "StreamingTV",
             "StreamingMovies", "Contract", "PaperlessBilling", "PaymentMethod", "MonthlyCharges", "TotalCharges", "Churn"],
            schema.Columns.Select(c => c.Name));
        Assert.Equal(new DatasetColumn(0, "customerID", ColumnType.Text, ColumnRole.Id, Nullable: false, Pii: true), schema.Columns[0]);
        Assert.Equal(ColumnRole.Label, schema.Find("Churn")!.Role);
        Assert.Equal([ColumnType.Integer, ColumnType.Integer, ColumnType.Real, ColumnType.Real],
            new[] { "SeniorCitizen", "tenure", "MonthlyCharges", "TotalCharges" }.Select(n => schema.Find(n)!.Type));
        Assert.True(schema.Find("TotalCharges")!.Nullable);
    }

    [Fact]
    public void SameSeedGivesSameRows()
    {
        var first = Generate(2_000, seed: 7);

        var second = Generate(2_000, seed: 7);

        Assert.Equal(first, second);
    }

    [Fact]
    public void DifferentSeedGivesDifferentRows()
    {
        var tenure = Column("tenure");

        var one = Generate(500, seed: 7);
        var other = Generate(500, seed: -7);

        Assert.Empty(one.Select(r => r[0]).Intersect(other.Select(r => r[0])));
        Assert.NotEqual(one.Select(r => r[tenure]), other.Select(r => r[tenure]));
    }

    [Fact]
    public void NextBatchHasNewIdsAndADifferentDraw()
    {
        var tenure = Column("tenure");

        var first = Generate(20_000, batch: 0);
        var next = Generate(20_000, batch: 1);

        var ids = first.Concat(next).Select(r => (string)r[0]!).ToList();
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.NotEqual(first.Select(r => r[tenure]), next.Select(r => r[tenure]));
    }

    [Fact]
    public void CustomerIdsLookLikeTheSamplesAndAreUniqueWithinABatch()
    {
        var ids = Generate(100_000).Select(r => (string)r[0]!).ToList();

        Assert.All(ids, id => Assert.Matches(CustomerIdPattern(), id));
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void ValuesAreTypedAndCategoriesAreTheSamplesOwn()
    {
        string[] yesNo = ["Yes", "No"];
        string[] addOn = ["Yes", "No", "No internet service"];
        var allowed = new Dictionary<string, string[]>
        {
            ["gender"] = ["Male", "Female"],
            ["Partner"] = yesNo,
            ["Dependents"] = yesNo,
            ["PhoneService"] = yesNo,
            ["MultipleLines"] = ["Yes", "No", "No phone service"],
            ["InternetService"] = ["DSL", "Fiber optic", "No"],
            ["OnlineSecurity"] = addOn,
            ["OnlineBackup"] = addOn,
            ["DeviceProtection"] = addOn,
            ["TechSupport"] = addOn,
            ["StreamingTV"] = addOn,
            ["StreamingMovies"] = addOn,
            ["Contract"] = ["Month-to-month", "One year", "Two year"],
            ["PaperlessBilling"] = yesNo,
            ["PaymentMethod"] = ["Electronic check", "Mailed check", "Bank transfer (automatic)", "Credit card (automatic)"],
            ["Churn"] = yesNo,
        };

        var rows = Generate(5_000);

        foreach (var row in rows) AssertTypedAsIngested(Generator.Schema, row);
        foreach (var (name, values) in allowed)
            Assert.Equal(values.Order(), rows.Select(r => (string)r[Column(name)]!).Distinct().Order());
        Assert.All(rows, r => Assert.InRange((long)r[Column("tenure")]!, 0, 72));
        Assert.All(rows, r => Assert.InRange((long)r[Column("SeniorCitizen")]!, 0, 1));
        Assert.All(rows, r => Assert.InRange((double)r[Column("MonthlyCharges")]!, 18, 130));
    }

    [Fact]
    public void TotalChargesIsBlankExactlyWhenTenureIsZero()
    {
        var tenure = Column("tenure");
        var total = Column("TotalCharges");

        var rows = Generate(20_000);

        Assert.Contains(rows, r => (long)r[tenure]! == 0);
        Assert.All(rows, r => Assert.Equal((long)r[tenure]! == 0, r[total] is null));
    }

    [Fact]
    public void TotalChargesIsRoughlyTenureTimesMonthlyCharges()
    {
        var (tenure, monthly, total) = (Column("tenure"), Column("MonthlyCharges"), Column("TotalCharges"));

        var ratios = Generate(5_000).Where(r => r[total] is not null)
            .Select(r => (double)r[total]! / ((long)r[tenure]! * (double)r[monthly]!)).ToList();

        Assert.All(ratios, ratio => Assert.InRange(ratio, 0.79, 1.26));
        Assert.InRange(ratios.Average(), 0.98, 1.02);
    }

    [Fact]
    public void ChurnRateIsAboutAQuarter()
    {
        var churn = Column("Churn");

        var rate = Share(Generate(20_000), r => (string)r[churn]! == "Yes");

        Assert.InRange(rate, 0.20, 0.32);
    }

    [Fact]
    public void MonthToMonthCustomersChurnMoreThanTwoYearCustomers()
    {
        var (contract, churn) = (Column("Contract"), Column("Churn"));
        var rows = Generate(20_000);

        double ChurnRate(string c) => Share(rows.Where(r => (string)r[contract]! == c).ToList(), r => (string)r[churn]! == "Yes");

        Assert.True(ChurnRate("Month-to-month") > 3 * ChurnRate("Two year"),
            $"month-to-month {ChurnRate("Month-to-month"):P1}, two year {ChurnRate("Two year"):P1}");
    }

    [Fact]
    public void ChurnIsLearnableButNotSeparable()
    {
        var churn = Column("Churn");

        // The generator's own probability is the best any model can do, so it bounds the learnable AUC.
        var auc = Auc(Generate(20_000).Select(r => (TelcoChurnGenerator.ChurnProbability(r), (string)r[churn]! == "Yes")));

        Assert.InRange(auc, 0.80, 0.90);
    }

    [Fact]
    public void MonthlyChargesFollowTheServicesTaken()
    {
        var (internet, monthly) = (Column("InternetService"), Column("MonthlyCharges"));
        var rows = Generate(5_000);

        double MeanCharge(string service) => rows.Where(r => (string)r[internet]! == service).Average(r => (double)r[monthly]!);

        Assert.InRange(MeanCharge("No"), 18, 26);
        Assert.InRange(MeanCharge("DSL"), 45, 70);
        Assert.InRange(MeanCharge("Fiber optic"), 80, 100);
    }

    [Fact]
    public void DriftShiftsContractsTowardMonthToMonthAndRaisesFiberChargesAndChurn()
    {
        var (contract, internet, monthly, churn) = (Column("Contract"), Column("InternetService"), Column("MonthlyCharges"), Column("Churn"));

        var baseline = Generate(20_000, drift: 0);
        var drifted = Generate(20_000, drift: 1);

        Assert.True(Share(drifted, r => (string)r[contract]! == "Month-to-month") - Share(baseline, r => (string)r[contract]! == "Month-to-month") > 0.15);
        Assert.True(Share(drifted, r => (string)r[internet]! == "Fiber optic") - Share(baseline, r => (string)r[internet]! == "Fiber optic") > 0.10);
        Assert.True(drifted.Average(r => (double)r[monthly]!) > 1.15 * baseline.Average(r => (double)r[monthly]!));
        Assert.True(Share(drifted, r => (string)r[churn]! == "Yes") - Share(baseline, r => (string)r[churn]! == "Yes") > 0.05);
    }

    [GeneratedRegex("^[0-9]{4}-[A-Z]{5}$")]
    private static partial Regex CustomerIdPattern();
}
