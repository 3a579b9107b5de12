using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Dapper;

namespace Telco.InsightPortal.Data.Store;

/// <summary>Applies the embedded, versioned SQL migrations of the configured dialect, each in its own
/// transaction, and records them. An applied migration whose text has changed stops start-up: the
/// store would no longer match the code.</summary>
public sealed class MigrationRunner(IConnectionFactory factory)
{
    private const string CreateTable = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version    INTEGER NOT NULL PRIMARY KEY,
            name       TEXT    NOT NULL,
            checksum   TEXT    NOT NULL,
            applied_at TEXT    NOT NULL
        )
        """;
    private const string SelectApplied = "SELECT version AS Version, checksum AS Checksum FROM schema_migrations";
    private const string InsertApplied = "INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (@Version, @Name, @Checksum, @AppliedAt)";
    // Serialises concurrent start-ups of several portal or serving instances on one PostgreSQL database.
    private const string PostgresLock = "SELECT pg_advisory_xact_lock(7345012)";

    public sealed record Migration(int Version, string Name, string Sql, string Checksum);

    public static IReadOnlyList<Migration> Load(StoreProvider provider)
    {
        var assembly = typeof(MigrationRunner).Assembly;
        var prefix = $"{assembly.GetName().Name}.Migrations.{provider}.";
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n => Read(assembly, n, n[prefix.Length..^4]))
            .OrderBy(m => m.Version)
            .ToList();
    }

    /// <param name="through">Apply migrations up to and including this version only (tests of a migration's data
    /// conversion stop just before it); null applies all.</param>
    public async Task<int> ApplyAsync(CancellationToken ct = default, int? through = null)
    {
        await using var connection = await factory.OpenAsync(ct);
        if (factory.Provider == StoreProvider.Sqlite)
            await connection.ExecuteAsync("PRAGMA journal_mode = WAL");
        await using (var tx = await connection.BeginTransactionAsync(ct))
        {
            if (factory.Provider == StoreProvider.Postgres) await connection.ExecuteAsync(PostgresLock, transaction: tx);
            await connection.ExecuteAsync(CreateTable, transaction: tx);
            await tx.CommitAsync(ct);
        }
        var applied = 0;
        foreach (var migration in Load(factory.Provider).Where(m => m.Version <= (through ?? int.MaxValue)))
        {
            await using var tx = await connection.BeginTransactionAsync(ct);
            if (factory.Provider == StoreProvider.Postgres) await connection.ExecuteAsync(PostgresLock, transaction: tx);
            var done = (await connection.QueryAsync<(long Version, string Checksum)>(SelectApplied, transaction: tx))
                .ToDictionary(r => r.Version, r => r.Checksum);
            if (done.TryGetValue(migration.Version, out var checksum))
            {
                if (checksum != migration.Checksum)
                    throw new InvalidOperationException(
                        $"Migration {migration.Version} ({migration.Name}) was changed after it was applied to this store. " +
                        "Migrations are immutable: add a new one instead.");
                continue;
            }
            await connection.ExecuteAsync(new CommandDefinition(migration.Sql, transaction: tx, cancellationToken: ct));
            await connection.ExecuteAsync(InsertApplied, new
            {
                migration.Version, migration.Name, migration.Checksum,
                AppliedAt = DateTimeOffset.UtcNow.ToString("O"),
            }, tx);
            await tx.CommitAsync(ct);
            applied++;
        }
        return applied;
    }

    private static Migration Read(Assembly assembly, string resource, string fileName)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var sql = reader.ReadToEnd().Replace("\r\n", "\n");
        var underscore = fileName.IndexOf('_');
        var version = int.Parse(fileName[..underscore], System.Globalization.CultureInfo.InvariantCulture);
        var checksum = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sql)));
        return new Migration(version, fileName[(underscore + 1)..], sql, checksum);
    }
}
