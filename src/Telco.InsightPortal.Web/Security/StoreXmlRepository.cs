using System.Xml.Linq;
using Dapper;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Telco.InsightPortal.Data.Store;

namespace Telco.InsightPortal.Web.Security;

/// <summary>Keeps ASP.NET Core's data-protection key ring in the store, so that every portal instance
/// behind a load balancer reads and writes the same keys and accepts the others' cookies.</summary>
public sealed class StoreXmlRepository(IConnectionFactory factory) : IXmlRepository
{
    private const string ListKeys = "SELECT xml FROM data_protection_keys ORDER BY id";
    private const string InsertKey = "INSERT INTO data_protection_keys (friendly_name, xml) VALUES (@FriendlyName, @Xml)";

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var connection = factory.Open();
        return connection.Query<string>(ListKeys).Select(XElement.Parse).ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        // Synchronous, as IXmlRepository is; through the write gate like every other write.
        using var write = factory.BeginWrite();
        write.Connection.Execute(InsertKey, new { FriendlyName = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting) }, write.Transaction);
        write.Commit();
    }
}
