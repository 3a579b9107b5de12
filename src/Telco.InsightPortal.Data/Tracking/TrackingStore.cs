using System.Data.Common;
using Dapper;
using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.Data.Store;

namespace Telco.InsightPortal.Data.Tracking;

/// <summary>Experiments, runs and what runs log, with MLflow's rules. Creation, deletion, restore and status
/// changes are audited in the transaction that makes them; logged values are not (they are the run's data).</summary>
public sealed partial class TrackingStore(IConnectionFactory factory, IAuditTrail audit, TimeProvider clock)
{
    public const int MaxBatchMetrics = 1000;
    public const int MaxBatchParams = 100;
    public const int MaxBatchTags = 100;
    public const int MaxBatchTotal = 1000;
    public const int MaxResultsDefault = 1000;
    public const int MaxResultsLimit = 50000;
    public const int MaxKeyLength = 250;
    public const int MaxParamValueLength = 6000;
    public const int MaxTagValueLength = 8000;

    private long Now => clock.GetUtcNow().ToUnixTimeMilliseconds();

    private readonly StoreSession _db = new(factory, audit);

    private static int Limit(int? maxResults, int max = MaxResultsLimit)
    {
        var limit = maxResults ?? MaxResultsDefault;
        if (limit is < 1 || limit > max) throw TrackingException.Invalid($"max_results must be between 1 and {max}; got {limit}.");
        return limit;
    }

    private static string? NextToken(int returned, int limit, long offset) => returned > limit ? PageToken.Encode(offset + limit) : null;

    private static void CheckKey(string? key, string what)
    {
        if (string.IsNullOrEmpty(key)) throw TrackingException.Invalid($"Missing value for required parameter 'key' of the {what}.");
        if (key.Length > MaxKeyLength) throw TrackingException.Invalid($"The {what} key '{key[..32]}…' is longer than {MaxKeyLength} characters.");
    }

    private static void CheckValue(string key, string? value, int max, string what)
    {
        if (value is null) throw TrackingException.Invalid($"Missing value for the {what} '{key}'.");
        if (value.Length > max) throw TrackingException.Invalid($"The value of the {what} '{key}' is longer than {max} characters.");
    }
}
