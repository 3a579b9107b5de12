using Npgsql;
using Telco.InsightPortal.Data.Store;

namespace Telco.InsightPortal.TestSupport;

/// <summary>
/// A real, empty, migrated store for one test: a SQLite file in a temp folder, or a fresh database on
/// the PostgreSQL server named by TELCO_TEST_POSTGRES (default: the one .ci/start-postgres.sh starts).
/// Without a reachable server the PostgreSQL cases skip locally, and fail under CI, where skipping
/// would hide the provider the tests exist to cover.
/// </summary>
public sealed class TestStore : IAsyncDisposable
{
    public const string DefaultPostgres = "Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres;Database=postgres;Timeout=5";

    private readonly string? _databaseName;
    private readonly string? _adminConnectionString;

    private TestStore(IConnectionFactory factory, string directory, string connectionString, string? databaseName, string? admin)
    {
        Factory = factory;
        Directory = directory;
        ConnectionString = connectionString;
        _databaseName = databaseName;
        _adminConnectionString = admin;
    }

    public IConnectionFactory Factory { get; }

    public StoreProvider Provider => Factory.Provider;

    /// <summary>A private folder for the test (the SQLite file, artifacts).</summary>
    public string Directory { get; }

    public string ConnectionString { get; }

    public static string PostgresAdminConnectionString =>
        Environment.GetEnvironmentVariable("TELCO_TEST_POSTGRES") is { Length: > 0 } s ? s : DefaultPostgres;

    public static async Task<TestStore> CreateAsync(StoreProvider provider, bool migrate = true)
    {
        DapperSetup.Configure();
        var directory = Path.Combine(Path.GetTempPath(), "telco-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        TestStore store;
        if (provider == StoreProvider.Sqlite)
        {
            var cs = $"Data Source={Path.Combine(directory, "portal.db")}";
            store = new TestStore(new SqliteConnectionFactory(cs), directory, cs, null, null);
        }
        else
        {
            var admin = await RequirePostgresAsync();
            var name = "telco_test_" + Guid.NewGuid().ToString("N")[..16];
            await using (var connection = new NpgsqlConnection(admin))
            {
                await connection.OpenAsync();
                await using var create = new NpgsqlCommand("CREATE DATABASE " + name, connection);
                await create.ExecuteNonQueryAsync();
            }
            var cs = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ToString();
            store = new TestStore(new PostgresConnectionFactory(cs), directory, cs, name, admin);
        }
        if (migrate) await new MigrationRunner(store.Factory).ApplyAsync();
        return store;
    }

    private static async Task<string> RequirePostgresAsync()
    {
        var admin = PostgresAdminConnectionString;
        try
        {
            await using var connection = new NpgsqlConnection(admin);
            await connection.OpenAsync();
            return admin;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException)
        {
            var reason = $"PostgreSQL is not reachable ({e.Message}); run .ci/start-postgres.sh or set TELCO_TEST_POSTGRES.";
            if (Environment.GetEnvironmentVariable("CI") == "true") throw new InvalidOperationException(reason, e);
            Assert.Skip(reason);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        (Factory as IDisposable)?.Dispose();
        if (_databaseName is not null && _adminConnectionString is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(_adminConnectionString);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand("DROP DATABASE IF EXISTS " + _databaseName + " WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { }
    }
}
