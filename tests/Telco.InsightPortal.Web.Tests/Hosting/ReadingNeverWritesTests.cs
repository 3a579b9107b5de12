using System.Net;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Telco.InsightPortal.Data.Store;
using Telco.InsightPortal.TestSupport;

namespace Telco.InsightPortal.Web.Tests.Hosting;

/// <summary>Opening pages and calling GETs changes nothing in the store: no keys made on first view, no rows, no DDL.</summary>
public sealed class ReadingNeverWritesTests
{
    private static readonly string[] Pages =
        ["/", "/data", "/data/telco-churn", "/experiments", "/models", "/deployments", "/audit", "/admin/users", "/admin/tokens", "/account/tokens"];

    [Fact]
    public async Task TheFirstVisitorsSignInPageFindsTheKeyRingReady()
    {
        await using var portal = await PortalFactory.CreateAsync();
        var client = portal.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
        var before = await SnapshotAsync(portal);

        var login = await client.GetAsync("/account/login");

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        // Data protection's hosted service makes the first key at start-up, not the first visitor.
        Assert.True(before["data_protection_keys"] > 0, "The key ring was not made at start-up.");
        Assert.Equal(before, await SnapshotAsync(portal));
    }

    [Fact]
    public async Task ASignedInAdminBrowsingEveryAreaChangesNothing()
    {
        await using var portal = await PortalFactory.CreateAsync();
        var (client, _) = await portal.SignInAsync("admin", PortalFactory.AdminPassword);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        var before = await SnapshotAsync(portal);

        foreach (var page in Pages) Assert.Equal((page, HttpStatusCode.OK), (page, (await client.GetAsync(page)).StatusCode));

        Assert.Equal(before, await SnapshotAsync(portal));
    }

    /// <summary>Row counts of every table and the schema itself (tables, indexes, triggers).</summary>
    private static async Task<Dictionary<string, long>> SnapshotAsync(PortalFactory portal)
    {
        await using var connection = await portal.Services.GetRequiredService<IConnectionFactory>().OpenAsync();
        var schema = (await connection.QueryAsync<(string Type, string Name)>("SELECT type, name FROM sqlite_master ORDER BY name")).ToList();
        var counts = new Dictionary<string, long> { ["(schema objects)"] = schema.Count };
        // Table names come from the store's own catalogue, never from a request.
        foreach (var (_, table) in schema.Where(o => o.Type == "table" && !o.Name.StartsWith("sqlite_", StringComparison.Ordinal)))
            counts[table] = await connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM \"{table}\"");
        return counts;
    }
}
