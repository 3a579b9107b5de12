using Microsoft.Data.Sqlite;
using Npgsql;
using Telco.InsightPortal.Data.Store;

namespace Telco.InsightPortal.Bench.Monitoring;

/// <summary>A fresh, migrated store for one run: a SQLite file in a temp folder, or a database of its own on the
/// PostgreSQL server (TELCO_BENCH_POSTGRES or TELCO_TEST_POSTGRES, else the loopback default). Disposing drops it: a million rows should not
/// outlive the run, in /tmp or on a shared server.</summary>
internal sealed class BenchStore : IAsyncDisposable
{
    private const string DefaultPostgres = "Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres;Database=postgres";

    private readonly string _directory;
    private readonly string? _admin;
    private readonly string? _database;
    private bool _keep = Environment.GetCommandLineArgs().Contains("--keep");

    private BenchStore(IConnectionFactory factory, string directory, string? admin, string? database)
    {
        Factory = factory;
        _directory = directory;
        _admin = admin;
        _database = database;
    }

    public IConnectionFactory Factory { get; }

    public static async Task<BenchStore> CreateAsync(bool postgres, string? reuse = null)
    {
        DapperSetup.Configure();
        if (reuse is not null)
            return new BenchStore(new SqliteConnectionFactory($"Data Source={reuse}"), "", null, null) { _keep = true };
        var directory = Path.Combine(Path.GetTempPath(), "telco-monbench-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(directory);
        BenchStore store;
        if (!postgres)
            store = new BenchStore(new SqliteConnectionFactory($"Data Source={Path.Combine(directory, "portal.db")}"), directory, null, null);
        else
        {
            var admin = Environment.GetEnvironmentVariable("TELCO_BENCH_POSTGRES") is { Length: > 0 } s ? s
                : Environment.GetEnvironmentVariable("TELCO_TEST_POSTGRES") is { Length: > 0 } t ? t : DefaultPostgres;
            var name = "telco_monbench_" + Guid.NewGuid().ToString("N")[..8];
            await ExecuteAsync(admin, "CREATE DATABASE " + name);
            var cs = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ToString();
            store = new BenchStore(new PostgresConnectionFactory(cs), directory, admin, name);
        }
        await new MigrationRunner(store.Factory).ApplyAsync();
        return store;
    }

    public async ValueTask DisposeAsync()
    {
        (Factory as IDisposable)?.Dispose();
        if (_admin is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(_admin, "DROP DATABASE IF EXISTS " + _database + " WITH (FORCE)");
        }
        SqliteConnection.ClearAllPools();
        if (_keep) Console.WriteLine($"kept {_directory}");
        else Directory.Delete(_directory, recursive: true);
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
