using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Polly;
using Telco.InsightPortal.Data.Store;
using Telco.InsightPortal.Ml.Artifacts;
using Telco.InsightPortal.Ml.Scoring;
using Telco.InsightPortal.Web.Deployments.Client;

namespace Telco.InsightPortal.Serving.Tests;

/// <summary>The portal's typed scoring client, against serving in the portal's own process (on Kestrel, at the address
/// the portal is bound to) and against a standalone serving host named by Serving:BaseUrl.</summary>
[Collection(nameof(ServingCollection))]
public sealed class ServingClientTests(TrainedModels models)
{
    [Fact]
    public async Task ThePortalScoresThroughItsOwnAddressWhenNoBaseUrlIsSet()
    {
        await using var host = await ServingHost.CreateAsync(models, kestrel: true);
        var address = host.Portal.ClientOptions.BaseAddress;
        var key = await host.DeployAsync("churn-client");
        var client = host.Portal.Services.GetRequiredService<ServingClient>();
        var rows = models.Rows.Take(3).ToList();
        var expected = new ChurnScorer(new ModelLoader(models.Root).Load(models["1"].ModelPath, models["1"].Sha256).Model, models.Schema).Score(rows);

        var schema = await client.SchemaAsync("churn-client", key);
        var predictions = await client.InvokeAsync("churn-client", key, Records(rows));
        var explanations = await client.ExplainAsync("churn-client", key, Records(rows));

        Assert.Equal(address.Authority, host.Portal.Services.GetRequiredService<ServingAddress>().Resolve().Authority);
        Assert.Equal(Payloads.Features(models.Schema).Select(c => c.Name), schema.Inputs.Select(i => i.Name));
        Assert.Equal(expected.Select(p => (double)p), predictions.Select(p => p.Probability), (a, b) => Math.Abs(a - b) < 1e-5);
        Assert.All(predictions, p => Assert.Equal("churn/1", p.ModelVersion));
        // A logistic model: bias + Σ contributions is the raw score, whose sigmoid is the probability.
        Assert.All(explanations, e => Assert.Equal(e.Score, e.Bias!.Value + e.Contributions.Sum(c => c.Contribution), 4));
    }

    [Fact]
    public async Task AWrongKeyOrABadRowComesBackAsServingsStatusAndMessage()
    {
        await using var host = await ServingHost.CreateAsync(models, kestrel: true);
        var key = await host.DeployAsync("churn-bad");
        var client = host.Portal.Services.GetRequiredService<ServingClient>();
        var row = Records(models.Rows.Take(1)).Single().ToDictionary();
        row.Remove("tenure");

        var unauthorised = await Assert.ThrowsAsync<ServingCallException>(() => client.InvokeAsync("churn-bad", "tsk_" + new string('x', 43), Records(models.Rows.Take(1))));
        var missing = await Assert.ThrowsAsync<ServingCallException>(() => client.InvokeAsync("churn-bad", key, [row]));

        Assert.Equal(401, unauthorised.Status);
        Assert.Contains("access key", unauthorised.Message);
        Assert.Equal(400, missing.Status);
        Assert.Contains("Missing column(s): tenure", missing.Message);
    }

    [Fact]
    public async Task ThePortalUsesAStandaloneServingHostNamedByServingBaseUrl()
    {
        var provider = Environment.GetEnvironmentVariable("TELCO_TEST_POSTGRES") is { Length: > 0 } ? StoreProvider.Postgres : StoreProvider.Sqlite;
        // The standalone host's port is chosen first, so the portal is configured with it as an operator would.
        var remoteAddress = $"http://127.0.0.1:{FreePort()}";
        await using var host = await ServingHost.CreateAsync(models, new Dictionary<string, string?> { ["Serving:BaseUrl"] = remoteAddress }, provider);
        var key = await host.DeployAsync("churn-far");
        await using var remote = ServingProgram.Build(
        [
            "--urls", remoteAddress, "--Serving:Store:Provider", provider.ToString(), "--Serving:Store:ConnectionString", host.Portal.Store.ConnectionString,
            "--Serving:ArtifactRoot", models.Root, "--Serving:PollSeconds", "0.2",
        ]);
        await remote.StartAsync();
        var client = host.Portal.Services.GetRequiredService<ServingClient>();
        var rows = Records(models.Rows.Take(2));

        // The standalone host learns of the new deployment by polling the shared store.
        var predictions = await UntilServedAsync(() => client.InvokeAsync("churn-far", key, rows));
        await remote.StopAsync();
        var afterStop = await Assert.ThrowsAnyAsync<Exception>(() => host.Portal.Services.GetRequiredService<ServingClient>().InvokeAsync("churn-far", key, rows));

        Assert.Equal(new Uri(remoteAddress).Authority, host.Portal.Services.GetRequiredService<ServingAddress>().Resolve().Authority);
        Assert.Equal(2, predictions.Count);
        Assert.All(predictions, p => Assert.Equal("churn/1", p.ModelVersion));
        // The portal itself still serves the deployment, so the failure proves the calls went to the standalone host.
        Assert.Equal(HttpStatusCode.OK, (await host.Client(key).PostAsync("/serving/churn-far/invocations",
            ServingHost.Json(Payloads.DataframeSplit(models.Schema, models.Rows.Take(1))))).StatusCode);
        Assert.IsType<HttpRequestException>(afterStop is HttpRequestException ? afterStop : afterStop.InnerException ?? afterStop);
    }

    [Fact]
    public void ScoringPostsAreRetriedOnlyWhenTheConnectionFailed()
    {
        var refused = Outcome.FromException<HttpResponseMessage>(new HttpRequestException(HttpRequestError.ConnectionError, "refused"));
        var serverError = Outcome.FromResult(new HttpResponseMessage(HttpStatusCode.ServiceUnavailable));
        var timeout = Outcome.FromException<HttpResponseMessage>(new Polly.Timeout.TimeoutRejectedException());

        Assert.True(ServingClientHosting.ShouldRetry(HttpMethod.Post, refused));
        Assert.False(ServingClientHosting.ShouldRetry(HttpMethod.Post, serverError));
        Assert.False(ServingClientHosting.ShouldRetry(HttpMethod.Post, timeout));
        Assert.True(ServingClientHosting.ShouldRetry(HttpMethod.Get, serverError));
        Assert.True(ServingClientHosting.ShouldRetry(HttpMethod.Get, timeout));
    }

    private IReadOnlyList<IReadOnlyDictionary<string, object?>> Records(IEnumerable<object?[]> rows) =>
        [.. rows.Select(r => (IReadOnlyDictionary<string, object?>)Payloads.Features(models.Schema).ToDictionary(c => c.Name, c => r[c.Ordinal]))];

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<IReadOnlyList<ServedPrediction>> UntilServedAsync(Func<Task<IReadOnlyList<ServedPrediction>>> call)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                return await call();
            }
            catch (ServingCallException e) when (e.Status == 404 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }
}
