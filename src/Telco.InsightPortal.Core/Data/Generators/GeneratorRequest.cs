namespace Telco.InsightPortal.Core.Data.Generators;

/// <summary>What to generate.</summary>
/// <param name="Rows">How many rows, 1 to <see cref="MaxRows"/>.</param>
/// <param name="Seed">Any integer; the same seed (with the same batch and drift) gives the same rows.</param>
/// <param name="Drift">0 to 1: how far the distributions each generator documents are shifted away from the baseline.</param>
/// <param name="Batch">0 to <see cref="MaxBatch"/>: the number of the batch in a series generated with one seed.
/// Each batch is a fresh draw from the same distributions, and its ids do not repeat those of other batches.</param>
public sealed record GeneratorRequest(int Rows, int Seed, double Drift = 0, long Batch = 0)
{
    public const int MaxRows = 10_000_000;

    /// <summary>Ids are unique across batches only while batch × <see cref="MaxRows"/> fits the id space of the
    /// smallest generator (the telco customer ids), hence a bound.</summary>
    public const long MaxBatch = 10_000;

    /// <exception cref="ArgumentOutOfRangeException">A value is outside its documented range.</exception>
    public void Validate()
    {
        if (Rows is < 1 or > MaxRows)
            throw new ArgumentOutOfRangeException(nameof(Rows), Rows, $"Rows must be between 1 and {MaxRows:N0}.");
        // Written so that NaN fails too.
        if (!(Drift is >= 0 and <= 1))
            throw new ArgumentOutOfRangeException(nameof(Drift), Drift, "Drift must be between 0 (no drift) and 1 (full drift).");
        if (Batch is < 0 or > MaxBatch)
            throw new ArgumentOutOfRangeException(nameof(Batch), Batch, $"Batch must be between 0 and {MaxBatch:N0}.");
    }
}
