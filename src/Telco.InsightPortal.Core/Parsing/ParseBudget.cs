namespace Telco.InsightPortal.Core.Parsing;

/// <summary>What one parse has used of its <see cref="ParserLimits"/>: the nesting depth it is at and the items it has
/// read. A recursive parser calls <see cref="Enter"/> before it recurses into a bracket, so its own stack stays as
/// shallow as <see cref="ParserLimits.MaxDepth"/> allows, whatever the text.</summary>
public sealed class ParseBudget(ParserLimits limits, string text)
{
    private int _depth;
    private int _items;

    public void Enter(int position)
    {
        if (++_depth > limits.MaxDepth)
            throw ParseException.At(limits, text, position, $"brackets nest deeper than the limit of {limits.MaxDepth}");
    }

    public void Leave() => _depth--;

    public void Count(int position)
    {
        if (++_items > limits.MaxItems)
            throw ParseException.At(limits, text, position, $"more than {ParserLimits.Count(limits.MaxItems)} {limits.Items}, the limit");
    }
}
