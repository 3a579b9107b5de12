namespace Telco.InsightPortal.Ml.Trainers;

/// <summary>A named hyper-parameter with its valid range and default. <see cref="Grid"/> holds the values a
/// grid sweep tries; a random sweep samples between the grid's extremes (log-uniformly when <see cref="LogScale"/>).</summary>
public sealed record HyperParameter(
    string Name,
    double Min,
    double Max,
    double Default,
    bool Integer,
    IReadOnlyList<double> Grid,
    bool LogScale = false,
    string Description = "")
{
    internal double Validate(string trainer, double value)
    {
        if (double.IsNaN(value) || value < Min || value > Max)
            throw new TrainingException($"Parameter '{Name}' of trainer '{trainer}' must be between {Min} and {Max}; got {value}.");
        if (Integer && value != Math.Floor(value))
            throw new TrainingException($"Parameter '{Name}' of trainer '{trainer}' must be a whole number between {Min} and {Max}; got {value}.");
        return value;
    }

    internal double Sample(Random random)
    {
        double low = Grid.Min(), high = Grid.Max();
        var value = LogScale && low > 0
            ? Math.Exp(Math.Log(low) + random.NextDouble() * (Math.Log(high) - Math.Log(low)))
            : low + random.NextDouble() * (high - low);
        return Integer ? Math.Round(value) : Math.Round(value, 6);
    }
}
