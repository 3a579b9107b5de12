using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Telco.InsightPortal.Data.Store;
using Telco.InsightPortal.TestSupport;
using Telco.InsightPortal.Web.Security;

namespace Telco.InsightPortal.Web.Tests;

public sealed class DatasetApiTests
{
    private const string Csv = "id,plan,charges,churn\nA1,basic,10.5,No\nA2,fiber,,Yes\nA3,basic,7,No\n";

    private static StringContent CsvBody(string text) => new(text, Encoding.UTF8, "text/csv");

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task FirstStartSeedsDemoDatasetsFromGenerators(StoreProvider provider)
    {
        await using var portal = await PortalFactory.CreateAsync(provider);
        var client = await portal.ClientForAsync("scientist", Roles.DataScientist);

        var datasets = await client.GetFromJsonAsync<JsonElement>("/api/v1/datasets");

        var byName = datasets.EnumerateArray().ToDictionary(d => d.GetProperty("name").GetString()!);
        Assert.Equal(300, byName["telco-churn"].GetProperty("totalRows").GetInt64());
        Assert.Equal("telco-churn", byName["telco-churn"].GetProperty("generator").GetString());
        Assert.Equal(200, byName["cell-towers"].GetProperty("totalRows").GetInt64());
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task PostedCsvBecomesSnapshotAndItsRowsPage(StoreProvider provider)
    {
        await using var portal = await PortalFactory.CreateAsync(provider);
        var client = await portal.ClientForAsync("scientist", Roles.DataScientist);

        var created = await client.PostAsync("/api/v1/datasets/customers/snapshots", CsvBody(Csv));
        var snapshot = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = snapshot.GetProperty("id").GetInt64();
        var rows = await client.GetFromJsonAsync<JsonElement>($"/api/v1/datasets/customers/snapshots/{id}/rows?offset=1&limit=1");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(3, snapshot.GetProperty("totalRows").GetInt64());
        Assert.Equal(3, rows.GetProperty("total").GetInt64());
        var row = rows.GetProperty("rows")[0];
        Assert.Equal("A2", row[0].GetString());
        Assert.Equal(JsonValueKind.Null, row[2].ValueKind);
    }

    [Fact]
    public async Task RejectedUploadReturnsRowErrorReportAndCommitsNothing()
    {
        await using var portal = await PortalFactory.CreateAsync();
        var client = await portal.ClientForAsync("scientist", Roles.DataScientist);
        await client.PostAsync("/api/v1/datasets/customers/snapshots", CsvBody(Csv));

        var response = await client.PostAsync("/api/v1/datasets/customers/snapshots", CsvBody("id,plan,charges,churn\nB1,basic,lots,No\nB2,basic,1,No\n"));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var snapshots = await client.GetFromJsonAsync<JsonElement>("/api/v1/datasets/customers/snapshots");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = body.GetProperty("errors")[0];
        Assert.Equal((1, "charges", "lots"), (error.GetProperty("row").GetInt64(), error.GetProperty("column").GetString(), error.GetProperty("value").GetString()));
        Assert.Equal("not a number", error.GetProperty("reason").GetString());
        Assert.Equal(1, snapshots.GetArrayLength());
    }

    [Fact]
    public async Task SkipModeCommitsGoodRows()
    {
        await using var portal = await PortalFactory.CreateAsync();
        var client = await portal.ClientForAsync("scientist", Roles.DataScientist);
        await client.PostAsync("/api/v1/datasets/customers/snapshots", CsvBody(Csv));

        var response = await client.PostAsync("/api/v1/datasets/customers/snapshots?onError=skip", CsvBody("id,plan,charges,churn\nB1,basic,lots,No\nB2,basic,1,No\n"));
        var snapshot = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal((1, 1, 4), (snapshot.GetProperty("rowsAdded").GetInt64(), snapshot.GetProperty("rowsSkipped").GetInt64(), snapshot.GetProperty("totalRows").GetInt64()));
    }

    [Fact]
    public async Task ReuploadOfSameContentIsConflictNamingTheSnapshot()
    {
        await using var portal = await PortalFactory.CreateAsync();
        var client = await portal.ClientForAsync("scientist", Roles.DataScientist);
        var first = await (await client.PostAsync("/api/v1/datasets/customers/snapshots", CsvBody(Csv))).Content.ReadFromJsonAsync<JsonElement>();

        var again = await client.PostAsync("/api/v1/datasets/customers/snapshots", CsvBody(Csv));
        var body = await again.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(first.GetProperty("id").GetInt64(), body.GetProperty("existingSnapshotId").GetInt64());
    }

    [Theory]
    [InlineData("mode=upsert", "mode must be 'append' or 'replace'")]
    [InlineData("onError=ignore", "onError must be 'reject' or 'skip'")]
    public async Task BadQueryParametersAreBadRequests(string query, string message)
    {
        await using var portal = await PortalFactory.CreateAsync();

        var response = await (await portal.ClientForAsync("scientist", Roles.DataScientist)).PostAsync($"/api/v1/datasets/customers/snapshots?{query}", CsvBody(Csv));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task NonCsvBodyIsUnsupportedMediaType()
    {
        await using var portal = await PortalFactory.CreateAsync();

        var response = await (await portal.ClientForAsync("scientist", Roles.DataScientist)).PostAsync("/api/v1/datasets/customers/snapshots", new StringContent("{}", Encoding.UTF8, "application/json"));

        Assert.True(response.StatusCode == HttpStatusCode.UnsupportedMediaType, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task BodyOverTheConfiguredLimitIsRejectedWith413AndNothingIsLeftBehind()
    {
        await using var portal = await PortalFactory.CreateAsync(settings: new Dictionary<string, string?> { ["Portal:Upload:MaxBytes"] = "2048" });
        var client = await portal.ClientForAsync("scientist", Roles.DataScientist);
        var big = "id,plan,charges,churn\n" + string.Concat(Enumerable.Range(0, 200).Select(i => $"X{i},basic,1,No\n"));

        // Chunked, so the limit is enforced while streaming and not only from Content-Length.
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(big)));
        content.Headers.ContentType = new("text/csv");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/datasets/big/snapshots") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("upload limit", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/datasets/big")).StatusCode);
        Assert.Empty(Directory.GetFiles(Path.Combine(portal.Store.Directory, "uploads")));
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task GenerateAppendsNextBatchWithNewIds(StoreProvider provider)
    {
        await using var portal = await PortalFactory.CreateAsync(provider);
        var client = await portal.ClientForAsync("scientist", Roles.DataScientist);

        var response = await client.PostAsJsonAsync("/api/v1/datasets/telco-churn/generate", new { rows = 250, seed = 7, drift = 0.5 });
        var snapshot = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal((250, 550), (snapshot.GetProperty("rowsAdded").GetInt64(), snapshot.GetProperty("totalRows").GetInt64()));
        Assert.Contains("drift=0.5", snapshot.GetProperty("source").GetString());
    }

    [Theory]
    [InlineData("{\"generator\":\"weather\",\"rows\":10}", "Unknown generator 'weather'")]
    [InlineData("{\"generator\":\"telco-churn\",\"rows\":0}", "Rows must be between")]
    [InlineData("{\"generator\":\"telco-churn\",\"rows\":10,\"drift\":2}", "Drift must be between")]
    public async Task BadGenerateRequestsAreBadRequests(string body, string message)
    {
        await using var portal = await PortalFactory.CreateAsync();

        var response = await (await portal.ClientForAsync("scientist", Roles.DataScientist)).PostAsync("/api/v1/datasets/new-one/generate", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task UnknownDatasetAndSnapshotAreNotFound()
    {
        await using var portal = await PortalFactory.CreateAsync();
        var client = await portal.ClientForAsync("scientist", Roles.DataScientist);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/datasets/nope")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/datasets/telco-churn/snapshots/999/rows")).StatusCode);
    }

    [Fact]
    public async Task RealTelcoFileIngestsThroughTheApi()
    {
        var path = TestSupport.Csv.RequireTelcoChurnPath();
        await using var portal = await PortalFactory.CreateAsync();
        var content = new StreamContent(File.OpenRead(path));
        content.Headers.ContentType = new("text/csv");

        var response = await (await portal.ClientForAsync("scientist", Roles.DataScientist)).PostAsync("/api/v1/datasets/ibm-telco/snapshots", content);
        var snapshot = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(5634, snapshot.GetProperty("totalRows").GetInt64());
    }

    [Fact]
    public async Task OpenApiDocumentDescribesTheDatasetApi()
    {
        await using var portal = await PortalFactory.CreateAsync();

        var doc = await (await portal.ClientForAsync("scientist", Roles.DataScientist)).GetFromJsonAsync<JsonElement>("/api/v1/openapi.json");

        Assert.True(doc.GetProperty("paths").TryGetProperty("/api/v1/datasets/{name}/snapshots", out _));
    }
}
