using System.Data.Common;

namespace Telco.InsightPortal.Data.Store;

/// <summary>Opens a connection for one operation. Connections are pooled by the provider and must
/// never outlive the operation (in particular, never a Blazor circuit).</summary>
public interface IConnectionFactory
{
    StoreProvider Provider { get; }

    Task<DbConnection> OpenAsync(CancellationToken ct = default);

    DbConnection Open();
}
