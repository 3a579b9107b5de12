namespace Telco.InsightPortal.Core.Data.Ingestion;

/// <summary>One problem in one row. <see cref="Row"/> is the 1-based data row (the header is row 0),
/// <see cref="Line"/> the physical line it starts on.</summary>
public sealed record RowError(long Row, long Line, string? Column, string? Value, string Reason)
{
    /// <summary>One line for a message: where, which column and value, and why.</summary>
    public string Describe()
    {
        var column = Column is null ? "" : $", column '{Column}'";
        var value = Value is null ? "" : $", value '{Value}'";
        return $"line {Line}{column}{value}: {Reason}.";
    }
}
