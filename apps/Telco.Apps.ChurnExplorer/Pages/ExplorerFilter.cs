using Telco.InsightPortal.Apps;

namespace Telco.Apps.ChurnExplorer.Pages;

/// <summary>
/// What the customers table is filtered by: contract, internet service and payment method (any of the chosen
/// levels), a tenure range in months and a risk band. Turned into the host's query; values travel as parameters.
/// </summary>
public sealed record ExplorerFilter
{
    public IReadOnlySet<string> Contracts { get; init; } = new HashSet<string>();
    public IReadOnlySet<string> InternetServices { get; init; } = new HashSet<string>();
    public IReadOnlySet<string> PaymentMethods { get; init; } = new HashSet<string>();
    public double? TenureMin { get; init; }
    public double? TenureMax { get; init; }
    public RiskBand? Band { get; init; }

    public bool IsEmpty => this == new ExplorerFilter();

    /// <summary>The query for one page, sorted by a column or by the probability (<see cref="AppRowQuery.ProbabilitySort"/>).</summary>
    public AppRowQuery ToQuery(RiskBands bands, string? sortBy, bool descending, int offset, int limit)
    {
        var @in = new Dictionary<string, IReadOnlyList<string>>();
        Add(@in, TelcoColumns.Contract, Contracts);
        Add(@in, TelcoColumns.InternetService, InternetServices);
        Add(@in, TelcoColumns.PaymentMethod, PaymentMethods);
        var range = new Dictionary<string, (double?, double?)>();
        if (TenureMin is not null || TenureMax is not null) range[TelcoColumns.Tenure] = (TenureMin, TenureMax);
        var (min, max) = Band is { } band ? bands.Range(band) : (null, null);
        return new AppRowQuery
        {
            In = @in, Range = range, MinProbability = min, MaxProbability = max, SortBy = sortBy, Descending = descending,
            Offset = offset, Limit = limit, Bands = bands.Edges,
        };
    }

    /// <summary>A tenure range the other way round is a slip, not an empty answer: it is refused with words.</summary>
    public string? Problem() =>
        TenureMin is { } low && TenureMax is { } high && low > high ? "The tenure range runs backwards: the lowest must not exceed the highest."
        : TenureMin < 0 || TenureMax < 0 ? "Tenure is counted in months from 0."
        : null;

    private static void Add(Dictionary<string, IReadOnlyList<string>> filters, string column, IReadOnlySet<string> levels)
    {
        if (levels.Count > 0) filters[column] = levels.Order(StringComparer.Ordinal).ToList();
    }
}
