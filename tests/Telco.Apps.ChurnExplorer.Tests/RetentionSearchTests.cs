namespace Telco.Apps.ChurnExplorer.Tests;

public sealed class RetentionSearchTests
{
    private const string SmallCatalog = """
        One year | 120 | Contract=One year; MonthlyCharges*=0.9
        Two year | 220 | Contract=Two year; MonthlyCharges*=0.85
        Card | 10 | PaymentMethod=Credit card (automatic)
        Support | 60 | TechSupport=Yes
        Security | 48 | OnlineSecurity=Yes
        Discount | 40 | MonthlyCharges*=0.95
        """;

    private readonly FakeChurnModel _model = new();

    [Fact]
    public async Task OnRandomCustomersTheSearchAgreesWithEverySubsetCheckedByHand()
    {
        var catalog = OfferCatalog.Parse(SmallCatalog);
        var random = new Random(7);
        var seen = new HashSet<RetentionOutcome>();
        for (var i = 0; i < 300; i++)
        {
            var row = Customers.Random(random);
            var threshold = 0.02 + random.NextDouble() * 0.8;

            var result = await RetentionSearch.FindAsync(row, catalog, threshold, 500, _model.ScoreAsync);

            var sets = BruteForce.Sets(row, catalog);
            Assert.Equal(sets.Select(s => Names(s.Offers)), result.Candidates.Select(c => Names(c.Offers)));
            Assert.Equal(sets.Select(s => s.Cost), result.Candidates.Select(c => c.Cost));
            var p0 = FakeChurnModel.Probability(row);
            var scored = sets.Select(s => (s.Cost, P: FakeChurnModel.Probability(BruteForce.Apply(row, s.Offers)))).ToList();
            Assert.Equal(scored.Select(s => s.P), result.Candidates.Select(c => c.Probability));
            Assert.Equal(scored.Select(s => (p0 - s.P) * 500 - s.Cost), result.Candidates.Select(c => c.ExpectedValue));
            AssertChosen(p0, threshold, scored, result);
            seen.Add(result.Outcome);
        }
        // Every offer here lowers someone's risk, so "no offer helps" has its own test; the other branches must all be
        // reached, or the agreement above proves less than it seems.
        Assert.Equal([RetentionOutcome.NotAtRisk, RetentionOutcome.Crosses, RetentionOutcome.NoneCrosses], seen.Order());
    }

    [Fact]
    public async Task OffersChangingTheSameColumnAreNeverCombined()
    {
        var result = await RetentionSearch.FindAsync(Customers.AtRisk(), OfferCatalog.Parse(SmallCatalog), 0.5, 500, _model.ScoreAsync);

        Assert.DoesNotContain(result.Candidates, c => c.Offers.Any(o => o.Name == "One year") && c.Offers.Any(o => o.Name == "Two year"));
        Assert.DoesNotContain(result.Candidates, c => c.Offers.Any(o => o.Name == "One year") && c.Offers.Any(o => o.Name == "Discount"));
        Assert.Contains(result.Candidates, c => Names(c.Offers) == "Card + Discount");
        // 6 offers: One year, Two year and Discount exclude each other, so 4 choices of those × 2³ others − the empty set.
        Assert.Equal(4 * 8 - 1, result.Candidates.Count);
    }

    [Fact]
    public async Task OffersThatDoNothingForTheCustomerAreLeftOut()
    {
        var row = Customers.AtRisk();
        row["PaymentMethod"] = "Credit card (automatic)";
        row["InternetService"] = "No";
        row["TechSupport"] = "No internet service";
        row["OnlineSecurity"] = "No internet service";

        var result = await RetentionSearch.FindAsync(row, OfferCatalog.Parse(SmallCatalog), 0.5, 500, _model.ScoreAsync);

        var offered = result.Candidates.SelectMany(c => c.Offers).Select(o => o.Name).ToHashSet();
        Assert.Equal(["Discount", "One year", "Two year"], offered.Order());
    }

    [Fact]
    public async Task AnOfferOfAColumnTheRowLacksDoesNothing()
    {
        var catalog = OfferCatalog.Parse("Backup | 5 | OnlineBackup=Yes\nCard | 10 | PaymentMethod=Credit card (automatic)");

        var result = await RetentionSearch.FindAsync(Customers.AtRisk(), catalog, 0.5, 500, _model.ScoreAsync);

        Assert.Equal("Card", Assert.Single(result.Candidates).Offers.Single().Name);
        Assert.DoesNotContain("OnlineBackup", result.Candidates[0].Candidate.Row.Keys);
    }

    [Fact]
    public async Task AnOfferPartlyUsefulIsKeptAndOnlyItsUsefulChangesAreMade()
    {
        var row = Customers.AtRisk();
        row["Contract"] = "One year";

        var result = await RetentionSearch.FindAsync(row, OfferCatalog.Parse(SmallCatalog), 0.5, 500, _model.ScoreAsync);

        var oneYear = result.Candidates.Single(c => Names(c.Offers) == "One year");
        Assert.Equal(95.0 * 0.9, (double)oneYear.Candidate.Row["MonthlyCharges"]!, 1e-9);
        Assert.Equal("One year", oneYear.Candidate.Row["Contract"]);
    }

    [Fact]
    public async Task TheCustomerAndEveryCandidateAreScoredInOneCall()
    {
        var row = Customers.AtRisk();

        var result = await RetentionSearch.FindAsync(row, OfferCatalog.Parse(SmallCatalog), 0.5, 500, _model.ScoreAsync);

        Assert.Equal(1, _model.Calls);
        Assert.Equal(result.Candidates.Count + 1, _model.LastRows.Count);
        Assert.Same(row, _model.LastRows[0]);
        Assert.Equal("Month-to-month", row["Contract"]);
    }

    [Fact]
    public async Task PastTheCapTheCheapestSetsAreKeptInAFixedOrder()
    {
        var random = new Random(11);
        // Twelve offers on separate columns: 4,095 sets; costs from a small range so many tie.
        var text = string.Join('\n', Enumerable.Range(1, 12).Select(i => $"Extra {i} | {random.Next(0, 8) * 5} | Extra{i}=Yes"));
        var catalog = OfferCatalog.Parse(text);
        var row = Customers.AtRisk();
        for (var i = 1; i <= 12; i++) row[$"Extra{i}"] = "No";

        var result = await RetentionSearch.FindAsync(row, catalog, 0.5, 500, _model.ScoreAsync);

        Assert.Equal(RetentionSearch.MaxCandidates, result.Candidates.Count);
        var expected = BruteForce.Sets(row, catalog).Take(RetentionSearch.MaxCandidates);
        Assert.Equal(expected.Select(s => Names(s.Offers)), result.Candidates.Select(c => Names(c.Offers)));
        Assert.Equal(RetentionSearch.MaxCandidates + 1, _model.LastRows.Count);
    }

    [Fact]
    public void ThirtyTwoOffersOnOneColumnGiveThirtyTwoCandidatesWithoutWalkingEverySubset()
    {
        var catalog = OfferCatalog.Parse(string.Join('\n', Enumerable.Range(1, 32).Select(i => $"Discount {i} | {i} | MonthlyCharges*=0.{99 - i}")));

        var candidates = RetentionSearch.Candidates(Customers.AtRisk(), catalog);

        Assert.Equal(32, candidates.Count);
        Assert.Equal(Enumerable.Range(1, 32).Select(i => (double)i), candidates.Select(c => c.Cost));
    }

    [Fact]
    public async Task ACustomerUnderTheThresholdNeedsNoOfferAndAScorerThatMiscountsIsAnError()
    {
        var row = Customers.AtRisk();
        row["Contract"] = "Two year";

        var result = await RetentionSearch.FindAsync(row, OfferCatalog.Parse(SmallCatalog), 0.9, 500, _model.ScoreAsync);

        Assert.Equal(RetentionOutcome.NotAtRisk, result.Outcome);
        Assert.Null(result.Chosen);
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            RetentionSearch.FindAsync(row, OfferCatalog.Parse(SmallCatalog), 0.5, 500, (_, _) => Task.FromResult<IReadOnlyList<double>>([0.5])));
    }

    [Fact]
    public async Task WhenNoOfferLowersTheRiskNoneIsChosen()
    {
        var row = Customers.AtRisk();
        row["Contract"] = "Two year";
        row["PaymentMethod"] = "Credit card (automatic)";
        var catalog = OfferCatalog.Parse("Card | 10 | PaymentMethod=Credit card (automatic)\nMonthly | 0 | Contract=Month-to-month");

        var result = await RetentionSearch.FindAsync(row, catalog, 0.1, 500, _model.ScoreAsync);

        Assert.Equal(RetentionOutcome.NoOfferHelps, result.Outcome);
        Assert.Null(result.Chosen);
        Assert.Equal("Monthly", Assert.Single(result.Candidates).Offers.Single().Name);
    }

    [Fact]
    public async Task WhenNoneCrossesTheLargestDropPerUnitOfCostIsChosen()
    {
        // Tenure 2, electronic check, 95 a month, month-to-month: p0 = σ(1.74) ≈ 0.851. At threshold 0.05 nothing crosses;
        // Card (10) drops to σ(1.24) ≈ 0.776, 0.0075 per unit; Security (48) to σ(1.24) too, 0.0016 per unit.
        var catalog = OfferCatalog.Parse("Security | 48 | OnlineSecurity=Yes\nCard | 10 | PaymentMethod=Credit card (automatic)");

        var result = await RetentionSearch.FindAsync(Customers.AtRisk(), catalog, 0.05, 500, _model.ScoreAsync);

        Assert.Equal(RetentionOutcome.NoneCrosses, result.Outcome);
        Assert.Equal("Card", Assert.Single(result.Chosen!.Offers).Name);
        Assert.Equal((0.851 - 0.776) * 500 - 10, result.Chosen.ExpectedValue, 0.5);
    }

    [Theory]
    [InlineData(0.0, 500)]
    [InlineData(1.0, 500)]
    [InlineData(double.NaN, 500)]
    [InlineData(0.5, -1)]
    [InlineData(0.5, double.PositiveInfinity)]
    public async Task AThresholdOutsideZeroToOneOrANegativeValueIsRefused(double threshold, double value)
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            RetentionSearch.FindAsync(Customers.AtRisk(), OfferCatalog.Default, threshold, value, _model.ScoreAsync));
        Assert.Equal(0, _model.Calls);
    }

    [Fact]
    public void TheValueOfSavingComesFromTheDecisionOrTheDefault()
    {
        Assert.Equal(RetentionSearch.DefaultValueOfSaving, RetentionSearch.ValueOfSaving(null));
        Assert.Equal(700, RetentionSearch.ValueOfSaving(new(0.4, 0, 0, 100, 700)));
        Assert.Equal(450, RetentionSearch.ValueOfSaving(new(0.4, 450, 0, 100, 0)));
        Assert.Equal(RetentionSearch.DefaultValueOfSaving, RetentionSearch.ValueOfSaving(new(0.4, 0, 0, 0, 0)));
    }

    /// <summary>Crossing: the cheapest under the threshold (ties: lower probability). Otherwise the largest drop per
    /// unit of cost among those that lower it at all.</summary>
    private static void AssertChosen(double p0, double threshold, List<(double Cost, double P)> scored, RetentionResult result)
    {
        if (p0 < threshold)
        {
            Assert.Equal(RetentionOutcome.NotAtRisk, result.Outcome);
            Assert.Null(result.Chosen);
            return;
        }
        var crossing = scored.Where(s => s.P < threshold).OrderBy(s => s.Cost).ThenBy(s => s.P).ToList();
        if (crossing.Count > 0)
        {
            Assert.Equal(RetentionOutcome.Crosses, result.Outcome);
            Assert.Equal((crossing[0].Cost, crossing[0].P), (result.Chosen!.Cost, result.Chosen.Probability));
            return;
        }
        var helping = scored.Where(s => s.P < p0).ToList();
        if (helping.Count == 0)
        {
            Assert.Equal(RetentionOutcome.NoOfferHelps, result.Outcome);
            Assert.Null(result.Chosen);
            return;
        }
        var best = helping.Max(s => s.Cost > 0 ? (p0 - s.P) / s.Cost : double.PositiveInfinity);
        Assert.Equal(RetentionOutcome.NoneCrosses, result.Outcome);
        var chosen = result.Chosen!;
        Assert.Equal(best, chosen.Cost > 0 ? (p0 - chosen.Probability) / chosen.Cost : double.PositiveInfinity);
    }

    private static string Names(IEnumerable<RetentionOffer> offers) => string.Join(" + ", offers.Select(o => o.Name));
}
