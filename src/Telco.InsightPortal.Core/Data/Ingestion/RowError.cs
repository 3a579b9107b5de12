namespace Telco.InsightPortal.Core.Data.Ingestion;

/// <summary>One problem in one row. <see cref="Row"/> is the 1-based data row (the header is row 0),
/// <see cref="Line"/> the physical line it starts on.</summary>
public sealed record RowError(long Row, long Line, string? Column, string? Value, string Reason);
