using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Telco.InsightPortal.Data.Lineage;
using Telco.InsightPortal.Data.Store;
using Telco.InsightPortal.TestSupport;
using Telco.InsightPortal.Web.Lineage;

namespace Telco.InsightPortal.Web.Tests.Lineage;

/// <summary>The OpenLineage sender against a real HTTP endpoint on loopback, on both stores: what each answer (or no
/// answer) does to the outbox. Nothing is ever lost, nothing overtakes a failed event, and only the lease holder sends.</summary>
public sealed class OpenLineageSenderTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task EventsArePostedOnceEachInTheOrderTheyWereWrittenWithTheKey(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        await using var receiver = await LineageReceiver.StartAsync();
        await AddEventsAsync(store.Factory, 5);
        var sender = Sender(store.Factory, receiver.Endpoint, new ManualClock(), apiKey: "ol-key");

        Assert.Equal(5, await sender.SendDueAsync(Ct));
        Assert.Equal(0, await sender.SendDueAsync(Ct));

        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"job/test-{i}"), receiver.Received.Select(r => JobOf(r.Body)));
        Assert.All(receiver.Received, r => Assert.Equal("Bearer ol-key", r.Authorization));
        var status = await new OpenLineageDelivery(store.Factory).StatusAsync(Ct);
        Assert.Equal((5L, 0L, 0L), (status.Sent, status.Pending, status.Rejected));
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task AnUnreachableEndpointLosesNothingAndTheQueueWaitsBehindTheFailedEvent(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        await AddEventsAsync(store.Factory, 3);
        var clock = new ManualClock();
        var sender = Sender(store.Factory, new Uri($"http://127.0.0.1:{ClosedPort()}/api/v1/lineage"), clock);

        Assert.Equal(0, await sender.SendDueAsync(Ct));
        var status = await new OpenLineageDelivery(store.Factory).StatusAsync(Ct);
        Assert.Equal((0L, 3L, 1L), (status.Sent, status.Pending, status.Head!.Attempts));
        Assert.False(string.IsNullOrWhiteSpace(status.Head.LastError));
        Assert.Equal(clock.GetUtcNow().AddSeconds(1).ToUnixTimeMilliseconds(), status.Head.NextAttemptAt);

        clock.Advance(TimeSpan.FromMilliseconds(500));
        Assert.Equal(0, await sender.SendDueAsync(Ct));
        Assert.Equal(1L, (await new OpenLineageDelivery(store.Factory).StatusAsync(Ct)).Head!.Attempts);
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task AServerErrorIsRetriedAfterADoublingWaitAndThenDeliveredInOrder(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        await using var receiver = await LineageReceiver.StartAsync();
        await AddEventsAsync(store.Factory, 3);
        var clock = new ManualClock();
        var sender = Sender(store.Factory, receiver.Endpoint, clock);
        receiver.Answer(HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable, HttpStatusCode.TooManyRequests);

        Assert.Equal(1, await sender.SendDueAsync(Ct));
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(0, await sender.SendDueAsync(Ct));
        var head = (await new OpenLineageDelivery(store.Factory).StatusAsync(Ct)).Head!;
        Assert.Equal((2L, "HTTP 429 Too Many Requests: answer 429"), (head.Attempts, head.LastError));
        Assert.Equal(clock.GetUtcNow().AddSeconds(2).ToUnixTimeMilliseconds(), head.NextAttemptAt);

        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(2, await sender.SendDueAsync(Ct));
        Assert.Equal(["job/test-0", "job/test-1", "job/test-2"], receiver.Received.Select(r => JobOf(r.Body)));
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task AnEventTheEndpointRefusesIsSetAsideWithItsAnswerAndTheRestGoOn(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        await using var receiver = await LineageReceiver.StartAsync();
        var ids = await AddEventsAsync(store.Factory, 3);
        var sender = Sender(store.Factory, receiver.Endpoint, new ManualClock());
        receiver.Answer(HttpStatusCode.OK, HttpStatusCode.BadRequest);

        Assert.Equal(2, await sender.SendDueAsync(Ct));

        Assert.Equal(["job/test-0", "job/test-2"], receiver.Received.Select(r => JobOf(r.Body)));
        var status = await new OpenLineageDelivery(store.Factory).StatusAsync(Ct);
        Assert.Equal((2L, 0L, 1L), (status.Sent, status.Pending, status.Rejected));
        Assert.Contains(ids[1], (await new OpenLineageOutbox(store.Factory).ListAsync(0, 10, Ct)).Select(e => e.Id));
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task OfTwoInstancesOnOneStoreOnlyTheLeaseHolderSends(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        await using var receiver = await LineageReceiver.StartAsync();
        await AddEventsAsync(store.Factory, 4);
        var clock = new ManualClock();
        var first = Sender(store.Factory, receiver.Endpoint, clock);
        var second = Sender(store.Factory, receiver.Endpoint, clock);

        var sent = await Task.WhenAll(first.SendDueAsync(Ct), second.SendDueAsync(Ct));

        Assert.Equal(4, sent.Sum());
        Assert.Contains(0, sent);
        Assert.Equal(4, receiver.Received.Count);
    }

    [Fact]
    public async Task WithoutAnEndpointNothingIsSentAndTheEventsStay()
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite);
        await AddEventsAsync(store.Factory, 2);

        Assert.Equal(0, await Sender(store.Factory, null, new ManualClock()).SendDueAsync(Ct));

        Assert.Equal(2L, (await new OpenLineageDelivery(store.Factory).StatusAsync(Ct)).Pending);
    }

    [Theory]
    [InlineData("ftp://marquez/api/v1/lineage")]
    [InlineData("/api/v1/lineage")]
    public void AnEndpointThatIsNotAnHttpAddressIsRefusedAtStartNamingIt(string endpoint)
    {
        var options = new OpenLineageSenderOptions { Endpoint = new Uri(endpoint, UriKind.RelativeOrAbsolute) };

        var refusal = Assert.Throws<InvalidOperationException>(options.Validate);

        Assert.Contains(endpoint, refusal.Message);
    }

    private static OpenLineageSender Sender(IConnectionFactory factory, Uri? endpoint, TimeProvider clock, string? apiKey = null)
    {
        var options = new OpenLineageSenderOptions { Endpoint = endpoint, ApiKey = apiKey, IntervalSeconds = 1, MaxBackoffSeconds = 60 };
        var clients = new ServiceCollection().AddHttpClient().BuildServiceProvider().GetRequiredService<IHttpClientFactory>();
        return new OpenLineageSender(new OpenLineageDelivery(factory), clients, options, clock, NullLogger<OpenLineageSender>.Instance);
    }

    private static Task<IReadOnlyList<long>> AddEventsAsync(IConnectionFactory factory, int count) => OutboxEvents.AddAsync(factory, count, Ct);

    private static string JobOf(string body) => JsonDocument.Parse(body).RootElement.GetProperty("job").GetProperty("name").GetString()!;

    // A port nothing listens on: bound, read, and closed again.
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
