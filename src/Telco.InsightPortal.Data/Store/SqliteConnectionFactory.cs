using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Telco.InsightPortal.Data.Store;

public sealed class SqliteConnectionFactory : IConnectionFactory
{
    // foreign_keys is per connection; journal_mode=WAL is set once by the migrator and persists in the file.
    private const string ConnectionPragmas = "PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000; PRAGMA synchronous = NORMAL;";
    private readonly string _connectionString;

    public SqliteConnectionFactory(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString) { Pooling = true };
        DatabasePath = Path.GetFullPath(builder.DataSource);
        var directory = Path.GetDirectoryName(DatabasePath);
        if (directory is not null) Directory.CreateDirectory(directory);
        _connectionString = builder.ToString();
    }

    /// <summary>The database file, which names the write gate that every factory of this process shares for it.</summary>
    public string DatabasePath { get; }

    public StoreProvider Provider => StoreProvider.Sqlite;

    public async Task<DbConnection> OpenAsync(CancellationToken ct = default)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(ct);
        await connection.ExecuteAsync(ConnectionPragmas);
        return connection;
    }

    public DbConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        connection.Execute(ConnectionPragmas);
        return connection;
    }
}
