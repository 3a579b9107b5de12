namespace Telco.InsightPortal.Core.Dashboards;

/// <summary>
/// One filter clause. Values are as the JSON held them (string, long or double) until the validator types them
/// against the column: <see cref="Value"/> for eq, <see cref="Values"/> for in, <see cref="Min"/>/<see cref="Max"/>
/// (either may be missing) for range, nothing for null and not_null.
/// </summary>
public sealed record ChartFilter(string Field, FilterOp Op, object? Value = null, IReadOnlyList<object>? Values = null,
    object? Min = null, object? Max = null);
