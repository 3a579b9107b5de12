namespace Telco.Apps.ChurnExplorer.Tests;

public sealed class OfferCatalogTests
{
    [Fact]
    public void AnOfferLineGivesItsNameCostAndChanges()
    {
        var catalog = OfferCatalog.Parse("""
            # comment, then a blank line

              One-year contract, 10% off | 120.50 | Contract=One year; MonthlyCharges*=0.9
            Card|10|PaymentMethod=Credit card (automatic);
            """);

        Assert.Equal(2, catalog.Offers.Count);
        var offer = catalog.Offers[0];
        Assert.Equal(("One-year contract, 10% off", 120.5), (offer.Name, offer.Cost));
        Assert.Equal(["Contract=One year", "MonthlyCharges*=0.9"], offer.Changes.Select(c => c.ToString()));
        Assert.Equal("One year", offer.Changes[0].Text);
        Assert.Equal(0.9, offer.Changes[1].Factor);
        Assert.Equal("Credit card (automatic)", catalog.Offers[1].Changes.Single().Text);
    }

    [Fact]
    public void TheDefaultCatalogParsesAndOffersContractsPaymentAndServices()
    {
        var offers = OfferCatalog.Default.Offers;

        Assert.InRange(offers.Count, 5, OfferCatalog.MaxOffers);
        Assert.Contains(offers, o => o.Cost == 120 && o.Changes.Any(c => c.Text == "One year") && o.Changes.Any(c => c.Factor == 0.9));
        Assert.Contains(offers, o => o.Cost == 10 && o.Changes is [{ Text: "Credit card (automatic)" }]);
        Assert.Contains(offers, o => o.Changes is [{ Column: "TechSupport", Text: "Yes" }]);
    }

    [Theory]
    [InlineData("Card | | PaymentMethod=Mailed check", 1, "no cost")]
    [InlineData("\nCard | -5 | PaymentMethod=Mailed check", 2, "negative")]
    [InlineData("Card | ten | PaymentMethod=Mailed check", 1, "not a number")]
    [InlineData("Card | NaN | PaymentMethod=Mailed check", 1, "not a number")]
    [InlineData("Card | 1e3 | PaymentMethod=Mailed check", 1, "not a number")]
    [InlineData("Card | 2000000 | PaymentMethod=Mailed check", 1, "more than")]
    [InlineData("Card | 10 | ", 1, "changes nothing")]
    [InlineData("Card | 10 | ;;", 1, "changes nothing")]
    [InlineData("Card | 10", 1, "exactly two '|'")]
    [InlineData("Card | 10 | a | b", 1, "exactly two '|'")]
    [InlineData(" | 10 | Contract=One year", 1, "no name")]
    [InlineData("Card\u0007 | 10 | Contract=One year", 1, "control character")]
    [InlineData("Card | 10 | Contract=One\u0000year", 1, "control character")]
    [InlineData("Card | 10 | PaymentMethod", 1, "not a change")]
    [InlineData("Card | 10 | =x", 1, "not a change")]
    [InlineData("Card | 10 | Payment Method=x", 1, "not a column name")]
    [InlineData("Card | 10 | PaymentMethod=", 1, "no value")]
    [InlineData("Card | 10 | MonthlyCharges*=cheap", 1, "factor")]
    [InlineData("Card | 10 | MonthlyCharges*=-1", 1, "factor")]
    [InlineData("Card | 10 | MonthlyCharges*=1000", 1, "factor")]
    [InlineData("Card | 10 | Contract=One year; Contract=Two year", 1, "Contract twice")]
    [InlineData("A | 1 | Contract=One year\n# x\na | 2 | Contract=Two year", 3, "already an offer named")]
    [InlineData("Young | 1 | tenure=72", 1, "no offer can change tenure")]
    [InlineData("Old | 1 | SeniorCitizen=0", 1, "SeniorCitizen")]
    [InlineData("Who | 1 | Gender=Male", 1, "Gender")]
    [InlineData("Id | 1 | customerID=x", 1, "customerID")]
    [InlineData("Stay | 1 | Churn=No", 1, "Churn")]
    public void ABadLineIsRefusedWithItsNumberAndTheProblem(string text, int line, string problem)
    {
        var e = Assert.Throws<OfferCatalogException>(() => OfferCatalog.Parse(text));

        Assert.Equal(line, e.Line);
        Assert.StartsWith($"Line {line}: ", e.Message);
        Assert.Contains(problem, e.Message);
        Assert.IsAssignableFrom<FormatException>(e);
    }

    [Fact]
    public void TheSizeLimitsHold()
    {
        var offer = (int i) => $"Offer {i} | 1 | Contract=One year";

        Assert.Equal(OfferCatalog.MaxOffers, OfferCatalog.Parse(string.Join('\n', Enumerable.Range(0, 32).Select(offer))).Offers.Count);
        Assert.Equal(33, Assert.Throws<OfferCatalogException>(() => OfferCatalog.Parse(string.Join('\n', Enumerable.Range(0, 33).Select(offer)))).Line);
        var longLine = "x | 1 | Contract=" + new string('y', 240);
        Assert.Contains("longer than 256", Assert.Throws<OfferCatalogException>(() => OfferCatalog.Parse("# ok\n" + longLine)).Message);
        Assert.Single(OfferCatalog.Parse("x | 1 | Contract=" + new string('y', 256 - 17)).Offers);
        Assert.Contains("name is longer than 80", Assert.Throws<OfferCatalogException>(() => OfferCatalog.Parse(new string('n', 81) + " | 1 | Contract=One year")).Message);
        var huge = string.Concat(Enumerable.Repeat("# a comment line that is long enough\n", 300));
        var e = Assert.Throws<OfferCatalogException>(() => OfferCatalog.Parse(huge));
        Assert.Equal(0, e.Line);
        Assert.Contains("8 KiB", e.Message);
        // Bytes, not characters: 3,000 three-byte characters are under 8,192 characters but over 8 KiB.
        Assert.Throws<OfferCatalogException>(() => OfferCatalog.Parse("# " + new string('€', 3000)));
    }

    [Fact]
    public void AnEmptyTextIsAnEmptyCatalog() => Assert.Empty(OfferCatalog.Parse(" \n# nothing yet\n").Offers);
}
