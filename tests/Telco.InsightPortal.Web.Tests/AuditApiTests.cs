using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Telco.InsightPortal.Data.Store;
using Telco.InsightPortal.TestSupport;
using Telco.InsightPortal.Web.Security;
using Telco.InsightPortal.Web.Audit;

namespace Telco.InsightPortal.Web.Tests;

public sealed class AuditApiTests
{
    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task VerifyReturnsOkShapeOverTheSeededChain(StoreProvider provider)
    {
        await using var portal = await PortalFactory.CreateAsync(provider);
        var client = await portal.ClientForAsync("audit-admin", Roles.Admin);

        var response = await client.GetAsync("/api/v1/audit/verify");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["ok", "entries", "firstBadSeq", "reason"], body.EnumerateObject().Select(p => p.Name));
        Assert.True(body.GetProperty("ok").GetBoolean(), body.GetProperty("reason").GetString());
        // The bootstrap admin, the two demo datasets, the two demo dashboards and their shares, the two demo jobs, this
        // test's user and its token.
        Assert.Equal(11, body.GetProperty("entries").GetInt64());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("firstBadSeq").ValueKind);
    }

    [Fact]
    public async Task UploadThroughTheApiIsAuditedWithTheCallersAddressAndAgent()
    {
        await using var portal = await PortalFactory.CreateAsync();
        var client = await portal.ClientForAsync("audit-admin", Roles.Admin);
        client.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", "=cmd|calc/1.0");

        await client.PostAsync("/api/v1/datasets/customers/snapshots", new StringContent("id,plan\nA1,basic\n", Encoding.UTF8, "text/csv"));
        var page = await client.GetFromJsonAsync<JsonElement>("/api/v1/audit?targetId=customers&limit=10");

        var entry = Assert.Single(page.GetProperty("entries").EnumerateArray());
        Assert.Equal("snapshot.commit", entry.GetProperty("action").GetString());
        Assert.Equal("=cmd|calc/1.0", entry.GetProperty("userAgent").GetString());
        Assert.Equal("audit-admin", entry.GetProperty("actor").GetString());
        Assert.False(string.IsNullOrEmpty(entry.GetProperty("correlationId").GetString()));
        Assert.Equal(JsonValueKind.Null, page.GetProperty("nextAfterSeq").ValueKind);
    }

    [Fact]
    public async Task ExportIsAuditedAndNeutralisesFormulaCells()
    {
        await using var portal = await PortalFactory.CreateAsync();
        var client = await portal.ClientForAsync("audit-admin", Roles.Admin);
        client.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", "=HYPERLINK(evil)");
        await client.PostAsync("/api/v1/datasets/customers/snapshots", new StringContent("id,plan\nA1,basic\n", Encoding.UTF8, "text/csv"));

        var response = await client.GetAsync("/api/v1/audit/export.csv?targetId=customers");
        var csv = await response.Content.ReadAsStringAsync();
        var exports = await client.GetFromJsonAsync<JsonElement>("/api/v1/audit?action=audit.export");

        Assert.Equal("text/csv; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(AuditCsv.Header, lines[0]);
        Assert.Equal(2, lines.Length);
        Assert.Contains(",'=HYPERLINK(evil),", lines[1]);
        Assert.Single(exports.GetProperty("entries").EnumerateArray());
    }

    [Fact]
    public async Task BadPagingIsBadRequest()
    {
        await using var portal = await PortalFactory.CreateAsync();

        var response = await (await portal.ClientForAsync("audit-admin", Roles.Admin)).GetAsync("/api/v1/audit?limit=0");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
