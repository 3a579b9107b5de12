namespace Telco.InsightPortal.Core.Data.Generators;

/// <summary>
/// Produces a synthetic dataset, lazily and deterministically: the same <see cref="GeneratorRequest"/>
/// always yields the same rows, and rows are produced one at a time so any size streams in constant memory.
/// </summary>
public interface IDataGenerator
{
    /// <summary>The stable name the portal stores with a generated dataset (for example "telco-churn").</summary>
    string Name { get; }

    string Description { get; }

    DatasetSchema Schema { get; }

    /// <summary>
    /// Validates <paramref name="request"/> at once, then returns the rows lazily. Each row holds one value per
    /// schema column, in schema order, typed as the CSV ingestor produces them: <see cref="string"/> for Text,
    /// <see cref="long"/> for Integer, <see cref="double"/> for Real, UTC <see cref="DateTimeOffset"/> for
    /// Timestamp and null for a missing value. Every row is a new array, so callers may keep it.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The request is outside the documented ranges.</exception>
    IEnumerable<object?[]> Generate(GeneratorRequest request);
}
