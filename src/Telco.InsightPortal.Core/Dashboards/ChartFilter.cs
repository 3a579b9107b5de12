namespace Telco.InsightPortal.Core.Dashboards;

/// <summary>
/// One filter clause. Values are as the JSON held them (string, long or double) until the validator types them
/// against the column: <see cref="Value"/> for eq, <see cref="Values"/> for in, <see cref="Min"/>/<see cref="Max"/>
/// (either may be missing) for range, nothing for null and not_null. A relative filter (<c>last</c>) holds its count
/// as a long in <see cref="Value"/> and its <see cref="Unit"/>: <c>{"field":"created_at","op":"last","value":30,"unit":"day"}</c>.
/// </summary>
public sealed record ChartFilter(string Field, FilterOp Op, object? Value = null, IReadOnlyList<object>? Values = null,
    object? Min = null, object? Max = null, TimeUnit? Unit = null)
{
    public static ChartFilter Last(string field, int count, TimeUnit unit) => new(field, FilterOp.Last, Value: (long)count, Unit: unit);
}
