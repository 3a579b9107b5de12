using System.Text;

namespace Telco.Apps.ChurnExplorer;

/// <summary>
/// The retention offers a business user can make, read from text with one offer a line:
/// <c>name | cost | change; change</c>, where a change is <c>Column=value</c> or <c>Column*=factor</c>;
/// <c>#</c> starts a comment line and blank lines are ignored. The text is typed by users, so it is bounded in size
/// and every problem is an <see cref="OfferCatalogException"/> naming its line.
/// </summary>
public sealed class OfferCatalog
{
    public const int MaxOffers = 32;
    public const int MaxTextBytes = 8 * 1024;
    public const int MaxLineLength = 256;

    public const string DefaultText = """
        # name | cost per customer | changes (Column=value sets, Column*=factor multiplies a number)
        One-year contract, 10% off | 120 | Contract=One year; MonthlyCharges*=0.9
        Two-year contract, 15% off | 220 | Contract=Two year; MonthlyCharges*=0.85
        Automatic card payment | 10 | PaymentMethod=Credit card (automatic)
        Tech support free for a year | 60 | TechSupport=Yes
        Online security free for a year | 48 | OnlineSecurity=Yes
        Online backup free for a year | 36 | OnlineBackup=Yes
        5% loyalty discount | 40 | MonthlyCharges*=0.95
        """;

    private OfferCatalog(IReadOnlyList<RetentionOffer> offers) => Offers = offers;

    /// <summary>A sensible starting catalog: longer contracts with a discount, automatic payment, free add-on services.</summary>
    public static OfferCatalog Default { get; } = Parse(DefaultText);

    /// <summary>Columns no offer may change: who the customer is, how long they have stayed, and the outcome itself.</summary>
    public static IReadOnlySet<string> Unchangeable => TelcoColumns.Unchangeable;

    /// <summary>The offers in the order written.</summary>
    public IReadOnlyList<RetentionOffer> Offers { get; }

    /// <exception cref="OfferCatalogException">The text is too long, or a line is not an offer; the message says which and why.</exception>
    public static OfferCatalog Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        // Length first: it bounds the byte count (at most 3 UTF-8 bytes a char) without encoding a huge string.
        if (text.Length > MaxTextBytes || Encoding.UTF8.GetByteCount(text) > MaxTextBytes)
            throw new OfferCatalogException(0, $"The offers are longer than {MaxTextBytes / 1024} KiB.");
        var offers = new List<RetentionOffer>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Length > MaxLineLength)
                throw new OfferCatalogException(i + 1, $"the line is longer than {MaxLineLength} characters.");
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var offer = OfferLine.Parse(line, i + 1);
            if (!names.Add(offer.Name))
                throw new OfferCatalogException(i + 1, $"there is already an offer named \"{offer.Name}\".");
            if (offers.Count == MaxOffers)
                throw new OfferCatalogException(i + 1, $"there are more than {MaxOffers} offers.");
            offers.Add(offer);
        }
        return new OfferCatalog(offers);
    }
}
