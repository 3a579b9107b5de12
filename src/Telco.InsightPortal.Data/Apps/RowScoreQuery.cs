namespace Telco.InsightPortal.Data.Apps;

/// <summary>
/// A page of a snapshot's rows joined to one model's scores: column filters by name (a value list, a number range),
/// a probability range, a sort (a column or the probability, unscored rows last) and edges to count rows between.
/// Names are resolved through the dataset's schema and values bound as parameters (<see cref="RowScoreSql"/>).
/// </summary>
public sealed record RowScoreQuery
{
    public IReadOnlyDictionary<string, IReadOnlyList<string>> In { get; init; } = new Dictionary<string, IReadOnlyList<string>>();
    public IReadOnlyDictionary<string, (double? Min, double? Max)> Range { get; init; } = new Dictionary<string, (double?, double?)>();
    public double? MinProbability { get; init; }
    public double? MaxProbability { get; init; }

    /// <summary>One row by id; null for every row.</summary>
    public long? RowId { get; init; }

    /// <summary>Only rows the model has not scored yet: what the background filler reads.</summary>
    public bool UnscoredOnly { get; init; }

    /// <summary>A column name, or null with <see cref="SortByProbability"/> false for ingest order.</summary>
    public string? SortBy { get; init; }
    public bool SortByProbability { get; init; }
    public bool Descending { get; init; }
    public long Offset { get; init; }
    public int Limit { get; init; } = 50;
    public IReadOnlyList<double> Bands { get; init; } = [];
}

/// <summary>One row (values in schema order), its score by the model (null: not scored yet) and when that was made.</summary>
public sealed record ScoredRow(long RowId, object?[] Values, double? Probability, DateTimeOffset? ScoredAt);

/// <summary>A page: rows matching every filter, how many match, how many of the snapshot's rows the model has scored,
/// and the rows per band (column filters only) — <c>Bands.Count + 1</c> counts, lowest band first.</summary>
public sealed record ScoredRowPage(long Total, long Scored, IReadOnlyList<ScoredRow> Rows, IReadOnlyList<long> BandCounts);
