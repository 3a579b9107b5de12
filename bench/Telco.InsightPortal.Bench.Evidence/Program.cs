using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;
using Telco.InsightPortal.Bench.Evidence;
using Telco.InsightPortal.Data.Store;

// Usage: Telco.InsightPortal.Bench.Evidence [cited=100000] [others=50000]
// PostgreSQL runs too when TELCO_TEST_POSTGRES names a server (a scratch database is created and dropped).
var cited = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
var others = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 50_000;
var dir = Path.Combine(Path.GetTempPath(), "telco-bench-evidence", Guid.NewGuid().ToString("N"));
Directory.CreateDirectory(dir);
DapperSetup.Configure();
try
{
    await PackBench.RunAsync("SQLite", new SqliteConnectionFactory($"Data Source={Path.Combine(dir, "portal.db")}"), dir, cited, others);
    if (Environment.GetEnvironmentVariable("TELCO_TEST_POSTGRES") is { Length: > 0 } admin)
    {
        var name = "telco_bench_" + Guid.NewGuid().ToString("N")[..12];
        await Admin(admin, "CREATE DATABASE " + name);
        try
        {
            var cs = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ToString();
            await PackBench.RunAsync("PostgreSQL", new PostgresConnectionFactory(cs), dir, cited, others);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await Admin(admin, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }
    else Console.WriteLine("PostgreSQL: skipped (set TELCO_TEST_POSTGRES)");
}
finally
{
    SqliteConnection.ClearAllPools();
    Directory.Delete(dir, recursive: true);
}

static async Task Admin(string connectionString, string sql)
{
    await using var connection = new NpgsqlConnection(connectionString);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand(sql, connection);
    await command.ExecuteNonQueryAsync();
}

namespace Telco.InsightPortal.Bench.Evidence
{
    internal static class Timing
    {
        public static async Task<(T Result, double Seconds)> TimeAsync<T>(Func<Task<T>> work)
        {
            var clock = Stopwatch.StartNew();
            var result = await work();
            return (result, clock.Elapsed.TotalSeconds);
        }
    }
}
