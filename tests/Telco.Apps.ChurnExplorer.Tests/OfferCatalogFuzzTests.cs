using System.Text;

namespace Telco.Apps.ChurnExplorer.Tests;

/// <summary>Whatever a user types, the parser returns a catalog within its limits or throws its one documented exception.</summary>
public sealed class OfferCatalogFuzzTests
{
    private const string Alphabet = "|;=*#.,-+0123456789 \t\r\n\u0000\u00a0€eEaZ_()NaInfity\uFEFF\uD800";

    [Fact]
    public void RandomTextOnlyEverGivesACatalogOrOfferCatalogException()
    {
        var random = new Random(1);
        for (var i = 0; i < 3000; i++)
        {
            var length = random.Next(4) == 0 ? random.Next(8000, 9000) : random.Next(0, 300);
            Check(string.Concat(Enumerable.Range(0, length).Select(_ => Alphabet[random.Next(Alphabet.Length)])));
        }
    }

    [Fact]
    public void MutationsOfTheDefaultCatalogOnlyEverGiveACatalogOrOfferCatalogException()
    {
        var random = new Random(2);
        var parsed = 0;
        for (var i = 0; i < 3000; i++)
        {
            var text = new StringBuilder(OfferCatalog.DefaultText);
            for (var edits = random.Next(1, 4); edits > 0; edits--)
            {
                var at = random.Next(text.Length + 1);
                switch (random.Next(4))
                {
                    case 0 when at < text.Length: text.Remove(at, 1); break;
                    case 1 when at < text.Length: text[at] = Alphabet[random.Next(Alphabet.Length)]; break;
                    case 2: text.Insert(at, new string(Alphabet[random.Next(Alphabet.Length)], random.Next(1, 300))); break;
                    default: text.Insert(at, Alphabet[random.Next(Alphabet.Length)]); break;
                }
            }
            if (Check(text.ToString())) parsed++;
        }
        // Small edits leave many catalogs valid; if none parse, the fuzzing only ever reached the error paths.
        Assert.InRange(parsed, 1, 2999);
    }

    /// <summary>True when the text parsed (into a catalog within its limits), false on <see cref="OfferCatalogException"/>.</summary>
    private static bool Check(string text)
    {
        OfferCatalog catalog;
        try
        {
            catalog = OfferCatalog.Parse(text);
        }
        catch (OfferCatalogException)
        {
            return false;
        }
        Assert.InRange(catalog.Offers.Count, 0, OfferCatalog.MaxOffers);
        Assert.All(catalog.Offers, o =>
        {
            Assert.InRange(o.Cost, 0, double.MaxValue);
            Assert.NotEmpty(o.Changes);
            Assert.DoesNotContain(o.Changes, c => OfferCatalog.Unchangeable.Contains(c.Column));
        });
        // The search must cope with whatever the parser accepts.
        Assert.InRange(RetentionSearch.Candidates(Customers.AtRisk(), catalog).Count, 0, RetentionSearch.MaxCandidates);
        return true;
    }
}
