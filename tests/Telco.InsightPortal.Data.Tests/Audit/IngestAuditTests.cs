using System.Data.Common;
using System.Text.Json;
using Dapper;
using Telco.InsightPortal.Core.Data.Ingestion;
using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.Data.Datasets;
using Telco.InsightPortal.Data.Store;
using Telco.InsightPortal.TestSupport;

namespace Telco.InsightPortal.Data.Tests.Audit;

public sealed class IngestAuditTests
{
    private const string Batch = "id,plan,charges,churn\nA1,basic,10.5,No\nA2,fiber,,Yes\n";

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task CommittedSnapshotWritesExactlyOneEntryNamingIt(StoreProvider provider)
    {
        await using var s = await StoreUnderTest.CreateAsync(provider);

        var result = await s.IngestAsync("customers", Batch);

        var entries = await new AuditLog(s.Store.Factory).PageAsync(new AuditQuery(), new AuditPaging(10));
        var entry = Assert.Single(entries);
        Assert.Equal(("snapshot.commit", "dataset", "customers", AuditOutcomes.Success), (entry.Action, entry.TargetType, entry.TargetId, entry.Outcome));
        Assert.Equal(("tester", "10.0.0.7", "xunit", "test-correlation"), (entry.Actor, entry.SourceIp, entry.UserAgent, entry.CorrelationId));
        var details = JsonDocument.Parse(entry.Details!).RootElement;
        Assert.Equal(result.Snapshot!.Id, details.GetProperty("snapshotId").GetInt64());
        Assert.Equal(2, details.GetProperty("rowsAdded").GetInt64());
        Assert.Equal(0, details.GetProperty("rowsSkipped").GetInt64());
        Assert.Equal(result.Snapshot.ContentHash, details.GetProperty("contentHash").GetString());
        Assert.Equal(("upload", "append"), (details.GetProperty("source").GetString(), details.GetProperty("mode").GetString()));
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task FailingAuditWriteMakesTheIngestCommitNothingAndIsRecordedAsFailure(StoreProvider provider)
    {
        await using var s = await StoreUnderTest.CreateAsync(provider);
        var writer = new SnapshotWriter(s.Store.Factory, new IngestLimits(), TimeProvider.System, new FailingInTransaction(s.Audit));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            writer.IngestAsync("customers", Csv.Stream(Batch), new IngestOptions { Actor = StoreUnderTest.Tester }));

        Assert.Equal("audit store unavailable", error.Message);
        await using var connection = await s.Store.Factory.OpenAsync();
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM datasets"));
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM snapshots"));
        var entry = Assert.Single(await new AuditLog(s.Store.Factory).PageAsync(new AuditQuery(), new AuditPaging(10)));
        Assert.Equal((1L, AuditOutcomes.Failure), (entry.Seq, entry.Outcome));
        Assert.Contains("audit store unavailable", entry.Details);
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task AuditTableThatRefusesInsertsStopsEveryIngest(StoreProvider provider)
    {
        await using var s = await StoreUnderTest.CreateAsync(provider);
        await using (var connection = await s.Store.Factory.OpenAsync())
        {
            await connection.ExecuteAsync(provider == StoreProvider.Sqlite
                ? "CREATE TRIGGER audit_refuse_insert BEFORE INSERT ON audit_entries BEGIN SELECT RAISE(ABORT, 'audit full'); END;"
                : "CREATE TRIGGER audit_refuse_insert BEFORE INSERT ON audit_entries FOR EACH ROW EXECUTE FUNCTION refuse_change();");
        }

        var error = await Record.ExceptionAsync(() => s.IngestAsync("customers", Batch));

        Assert.NotNull(error);
        Assert.Contains(Flatten(error), e => e is DbException);
        await using var check = await s.Store.Factory.OpenAsync();
        Assert.Equal(0, await check.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM datasets"));
        Assert.Equal(0, await check.ExecuteScalarAsync<long>("SELECT seq FROM audit_head"));
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task RejectedUploadIsAuditedAsFailureWithTheReason(StoreProvider provider)
    {
        await using var s = await StoreUnderTest.CreateAsync(provider);
        await s.IngestAsync("customers", Batch);

        var rejected = await s.IngestAsync("customers", "id,plan,charges,churn\nB1,basic,lots,No\n");
        var duplicate = await s.IngestAsync("customers", Batch);

        Assert.False(rejected.Committed);
        Assert.False(duplicate.Committed);
        var entries = await new AuditLog(s.Store.Factory).PageAsync(new AuditQuery { Outcome = AuditOutcomes.Failure }, new AuditPaging(10));
        Assert.Equal([2L, 3], entries.Select(e => e.Seq));
        Assert.All(entries, e => Assert.Equal(("snapshot.commit", "customers", "tester"), (e.Action, e.TargetId, e.Actor)));
        Assert.Contains("\"failure\":\"BadRequest\"", entries[0].Details);
        Assert.Contains("already committed as snapshot", entries[1].Details);
    }

    private static IEnumerable<Exception> Flatten(Exception e) =>
        e is AggregateException a ? a.InnerExceptions.SelectMany(Flatten).Prepend(e) : e.InnerException is { } inner ? Flatten(inner).Prepend(e) : [e];

    /// <summary>An audit trail whose in-transaction write fails, as a full disk or a lost connection would;
    /// entries in their own transaction still go to the real trail.</summary>
    private sealed class FailingInTransaction(IAuditTrail real) : IAuditTrail
    {
        public void Append(DbConnection connection, DbTransaction transaction, AuditActor actor, AuditEvent entry) =>
            throw new InvalidOperationException("audit store unavailable");

        public Task AppendAsync(DbConnection connection, DbTransaction transaction, AuditActor actor, AuditEvent entry, CancellationToken ct = default) =>
            throw new InvalidOperationException("audit store unavailable");

        public Task AppendAsync(AuditActor actor, AuditEvent entry, CancellationToken ct = default) => real.AppendAsync(actor, entry, ct);
    }
}
