using System.Data.Common;
using System.Globalization;
using Dapper;
using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.Data.Store;
using Telco.InsightPortal.Data.Tracking;

using static Telco.InsightPortal.Data.Store.StoreSession;

namespace Telco.InsightPortal.Data.Registry;

/// <summary>
/// Registered models, their versions, aliases and stages, with MLflow's rules and errors (raised as
/// <see cref="TrackingException"/>, which carries MLflow's error codes). Moving a version to Production or onto
/// the champion alias is never applied directly: it becomes an approval request that someone else decides.
/// Every change of state is audited in the transaction that makes it. Safe to call from pages, the API and jobs.
/// Filing and approving a move to Production first ask the <see cref="IPromotionGate"/> (governance policies), when
/// one is registered.
/// </summary>
public sealed partial class RegistryStore(IConnectionFactory factory, IAuditTrail audit, TimeProvider clock, IPromotionGate? gate = null)
{
    public const int MaxNameLength = 256;
    public const int MaxKeyLength = 250;
    public const int MaxValueLength = 5000;
    public const int MaxDescriptionLength = 5000;
    public const int MaxCommentLength = 2000;

    private readonly StoreSession _db = new(factory, audit);

    private long Now => clock.GetUtcNow().ToUnixTimeMilliseconds();

    internal static void CheckName(string? name, string what = "name")
    {
        if (string.IsNullOrWhiteSpace(name)) throw TrackingException.Invalid($"Missing value for required parameter '{what}'.");
        if (name.Length > MaxNameLength) throw TrackingException.Invalid($"The registered model name is longer than {MaxNameLength} characters.");
        if (name.Any(char.IsControl)) throw TrackingException.Invalid($"The registered model name '{name}' contains control characters.");
    }

    private static void CheckTag(RegistryTag tag)
    {
        if (string.IsNullOrEmpty(tag.Key)) throw TrackingException.Invalid("Missing value for required parameter 'key'.");
        if (tag.Key.Length > MaxKeyLength) throw TrackingException.Invalid($"The tag key '{tag.Key[..32]}…' is longer than {MaxKeyLength} characters.");
        if (tag.Value is null) throw TrackingException.Invalid($"Missing value for the tag '{tag.Key}'.");
        if (tag.Value.Length > MaxValueLength) throw TrackingException.Invalid($"The value of the tag '{tag.Key}' is longer than {MaxValueLength} characters.");
    }

    private static string CheckText(string? text, int max, string what)
    {
        if (text is not null && text.Length > max) throw TrackingException.Invalid($"The {what} is longer than {max} characters.");
        return text ?? "";
    }

    private static async Task<RegisteredModel> RequireModelAsync(DbConnection c, DbTransaction? tx, string name, CancellationToken ct) =>
        await c.QuerySingleOrDefaultAsync<RegisteredModel>(Command(RegistrySql.GetModelByName, new { Name = name }, tx, ct))
        ?? throw TrackingException.NotFound($"Registered Model with name={name} not found");

    private static async Task<ModelVersion> RequireVersionAsync(DbConnection c, DbTransaction? tx, string name, long version, CancellationToken ct)
    {
        await RequireModelAsync(c, tx, name, ct);
        return await c.QuerySingleOrDefaultAsync<ModelVersion>(Command(RegistrySql.GetVersion, new { Name = name, Version = version }, tx, ct))
               ?? throw TrackingException.NotFound($"Model Version (name={name}, version={version}) not found");
    }

    /// <summary>MLflow sends versions as strings; anything but a positive integer is refused by name.</summary>
    public static long ParseVersion(string? version)
    {
        if (string.IsNullOrWhiteSpace(version)) throw TrackingException.Invalid("Missing value for required parameter 'version'.");
        return long.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v > 0
            ? v
            : throw TrackingException.Invalid($"Invalid value '{version}' for parameter 'version': versions are positive integers.");
    }

    private static string Target(string name, long version) => $"{name}/{version.ToString(CultureInfo.InvariantCulture)}";

    private static bool IsUniqueViolation(DbException e) =>
        e is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation }
        || e is Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 19, SqliteExtendedErrorCode: 2067 or 1555 };

    private static TrackingException NameTaken(string name) =>
        new(TrackingErrors.AlreadyExists, $"Registered Model (name={name}) already exists.");
}
