using System.Data.Common;
using Npgsql;

namespace Telco.InsightPortal.Data.Store;

public sealed class PostgresConnectionFactory(string connectionString) : IConnectionFactory, IDisposable
{
    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(connectionString);

    public StoreProvider Provider => StoreProvider.Postgres;

    public async Task<DbConnection> OpenAsync(CancellationToken ct = default) => await _dataSource.OpenConnectionAsync(ct);

    public DbConnection Open() => _dataSource.OpenConnection();

    public void Dispose() => _dataSource.Dispose();
}
