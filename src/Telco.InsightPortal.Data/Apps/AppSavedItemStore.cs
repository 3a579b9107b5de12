using Dapper;
using Telco.InsightPortal.Data.Store;

using static Telco.InsightPortal.Data.Store.StoreSession;

namespace Telco.InsightPortal.Data.Apps;

/// <summary>A user's saved item in a hosted app (a what-if scenario, an offer catalog): a JSON body by name.</summary>
public sealed record AppSavedItemRecord(string Name, string Body, long SavedAt);

/// <summary>
/// Users' own items in hosted apps. Each user reads and writes only their own (the owner is always the signed-in
/// user, never a parameter a page chooses); they are working notes, not governed objects, so they are not audited.
/// </summary>
public sealed class AppSavedItemStore(IConnectionFactory factory, TimeProvider clock)
{
    public const int MaxBodyLength = 64 * 1024;
    public const int MaxNameLength = 100;
    public const int MaxItemsPerKind = 200;

    public async Task<IReadOnlyList<AppSavedItemRecord>> ListAsync(string appId, string owner, string kind, CancellationToken ct = default)
    {
        await using var c = await factory.OpenAsync(ct);
        return (await c.QueryAsync<AppSavedItemRecord>(Command(List, new { AppId = appId, Owner = owner, Kind = kind }, null, ct))).AsList();
    }

    /// <summary>Saves or replaces the item; false when the user already keeps <see cref="MaxItemsPerKind"/> other items of the kind.</summary>
    public async Task<bool> SaveAsync(string appId, string owner, string kind, string name, string body, CancellationToken ct = default)
    {
        await using var write = await factory.BeginWriteAsync(ct);
        var key = new { AppId = appId, Owner = owner, Kind = kind, Name = name };
        var count = await write.Connection.ExecuteScalarAsync<long>(Command(CountOthers, key, write.Transaction, ct));
        if (count >= MaxItemsPerKind) return false;
        await write.Connection.ExecuteAsync(Command(Delete, key, write.Transaction, ct));
        await write.Connection.ExecuteAsync(Command(Insert,
            new { AppId = appId, Owner = owner, Kind = kind, Name = name, Body = body, Now = clock.GetUtcNow().ToUnixTimeMilliseconds() }, write.Transaction, ct));
        await write.CommitAsync(ct);
        return true;
    }

    public async Task<bool> DeleteAsync(string appId, string owner, string kind, string name, CancellationToken ct = default)
    {
        await using var write = await factory.BeginWriteAsync(ct);
        var deleted = await write.Connection.ExecuteAsync(Command(Delete, new { AppId = appId, Owner = owner, Kind = kind, Name = name }, write.Transaction, ct));
        await write.CommitAsync(ct);
        return deleted > 0;
    }

    private const string List = """
        SELECT name AS Name, body AS Body, saved_at AS SavedAt FROM app_saved_items
        WHERE app_id = @AppId AND owner = @Owner AND kind = @Kind ORDER BY saved_at DESC, name
        """;

    private const string CountOthers = "SELECT COUNT(*) FROM app_saved_items WHERE app_id = @AppId AND owner = @Owner AND kind = @Kind AND name <> @Name";
    private const string Delete = "DELETE FROM app_saved_items WHERE app_id = @AppId AND owner = @Owner AND kind = @Kind AND name = @Name";

    private const string Insert = """
        INSERT INTO app_saved_items (app_id, owner, kind, name, body, saved_at) VALUES (@AppId, @Owner, @Kind, @Name, @Body, @Now)
        """;
}
