namespace Telco.Apps.ChurnExplorer;

/// <summary>An offer catalog's text cannot be read: <see cref="Exception.Message"/> names the line (when there is one)
/// and the problem, in words for the person who typed it.</summary>
public sealed class OfferCatalogException(int line, string problem)
    : FormatException(line > 0 ? $"Line {line}: {problem}" : problem)
{
    /// <summary>The 1-based line at fault, or 0 when the problem is the whole text (its size, its number of offers).</summary>
    public int Line { get; } = line;
}
