namespace Telco.Apps.CellTowerMonitor;

/// <summary>Running counts over events: how many, their probabilities, and the failures among those with a label.</summary>
internal sealed class ProbabilityTally
{
    private double _sum;
    private int _failures;
    private int _labelled;

    public int Events { get; private set; }

    public double Max { get; private set; }

    public double Mean => Events == 0 ? 0 : _sum / Events;

    /// <summary>Failures over the events whose label is known; null when none is.</summary>
    public double? ObservedFailureRate => _labelled == 0 ? null : (double)_failures / _labelled;

    public void Add(double probability, bool? failed)
    {
        Events++;
        _sum += probability;
        Max = Events == 1 ? probability : Math.Max(Max, probability);
        if (failed is not { } f) return;
        _labelled++;
        if (f) _failures++;
    }
}
