using System.Data.Common;
using Dapper;
using Telco.InsightPortal.Core.Data;
using Telco.InsightPortal.Core.Data.Ingestion;
using Telco.InsightPortal.Data.Store;

namespace Telco.InsightPortal.Data.Datasets;

/// <summary>
/// The one write path for dataset rows: an upload, an API post and a generated batch all come here.
/// Each ingest is one transaction that creates the dataset if new, appends the rows and commits a
/// snapshot; anything wrong rolls the whole of it back.
/// </summary>
public sealed class SnapshotWriter(IConnectionFactory factory, IngestLimits limits, TimeProvider clock)
{
    /// <summary>Called inside the transaction after the snapshot row is written; throwing aborts the ingest.
    /// The audit trail hooks in here so that a snapshot cannot commit without its audit entry.</summary>
    public Action<DbConnection, DbTransaction, Dataset, Snapshot>? OnCommitting { get; set; }

    public Task<IngestResult> IngestAsync(string datasetName, Stream csv, IngestOptions options, CancellationToken ct = default)
    {
        if (DatasetNames.Problem(datasetName) is { } problem) return Task.FromResult(IngestResult.Fail(IngestFailure.BadRequest, problem));
        // ADO.NET over SQLite is synchronous underneath; run the whole ingest off the request thread.
        return Task.Run(() => Ingest(datasetName, csv, options, ct), ct);
    }

    private IngestResult Ingest(string name, Stream csv, IngestOptions options, CancellationToken ct)
    {
        using var connection = factory.Open();
        using var tx = BeginWrite(connection);
        var dataset = DatasetStore.GetAsync(connection, tx, name, ct, forUpdate: true).GetAwaiter().GetResult();
        if (dataset is null && options.Schema?.Validate() is { Count: > 0 } schemaProblems)
            return IngestResult.Fail(IngestFailure.BadRequest, string.Join(" ", schemaProblems));

        RowSink? sink = null;
        try
        {
            var outcome = new CsvIngestor(limits).Run(csv, dataset?.Schema ?? options.Schema, options.OnError, schema =>
            {
                dataset ??= CreateDataset(connection, tx, name, schema, options);
                var firstRowId = connection.ExecuteScalar<long>(DatasetSql.GetNextRowId, new { dataset.Id }, tx);
                sink = RowSink.Create(new RowTable(dataset.Id, schema, factory.Provider), connection, tx, firstRowId);
                return sink;
            }, options.Progress, ct);

            if (outcome.Failed(options.OnError) || sink is null || dataset is null)
                return IngestResult.Fail(IngestFailure.BadRequest, outcome.FileError ?? "Nothing to commit.", outcome);
            sink.Complete(); // PostgreSQL: the COPY must end before the connection runs anything else

            var duplicate = connection.QuerySingleOrDefault<SnapshotRow>(DatasetSql.FindSnapshotByHash,
                new { DatasetId = dataset.Id, outcome.ContentHash }, tx);
            if (duplicate is not null)
                return IngestResult.Fail(IngestFailure.Duplicate,
                    $"This content was already committed as snapshot {duplicate.Id} of '{name}'; nothing was committed.", outcome, duplicate.ToSnapshot());

            var snapshot = CommitSnapshot(connection, tx, dataset, sink, outcome, options);
            OnCommitting?.Invoke(connection, tx, dataset, snapshot);
            tx.Commit();
            return new IngestResult(IngestFailure.None, null, snapshot, dataset with
            {
                CurrentSnapshotId = snapshot.Id, TotalRows = snapshot.TotalRows,
            }, outcome);
        }
        finally
        {
            sink?.Dispose();
        }
    }

    private static DbTransaction BeginWrite(DbConnection connection)
    {
        if (connection is Microsoft.Data.Sqlite.SqliteConnection sqlite)
            return sqlite.BeginTransaction(deferred: false); // BEGIN IMMEDIATE: take the write lock up front
        return connection.BeginTransaction();
    }

    private Dataset CreateDataset(DbConnection connection, DbTransaction tx, string name, DatasetSchema schema, IngestOptions options)
    {
        var now = clock.GetUtcNow();
        var id = connection.ExecuteScalar<long>(DatasetSql.InsertDataset, new
        {
            Name = name, Description = (string?)null, options.Generator, CreatedAt = now, CreatedBy = options.Actor,
        }, tx);
        connection.Execute(DatasetSql.InsertColumn, schema.Columns.Select(c => ColumnRow.From(id, c)), tx);
        connection.Execute(new RowTable(id, schema, factory.Provider).CreateSql(), transaction: tx);
        return new Dataset(id, name, null, options.Generator, now, options.Actor, null, 0, schema);
    }

    private Snapshot CommitSnapshot(DbConnection connection, DbTransaction tx, Dataset dataset, RowSink sink,
        IngestOutcome outcome, IngestOptions options)
    {
        var parent = dataset.CurrentSnapshotId is { } parentId
            ? connection.QuerySingle<SnapshotRow>(DatasetSql.GetSnapshot, new { DatasetId = dataset.Id, SnapshotId = parentId }, tx)
            : null;
        var rowStart = parent is null || options.Mode == IngestMode.Replace ? sink.FirstRowId : parent.RowStart;
        var row = new SnapshotRow
        {
            DatasetId = dataset.Id,
            ParentId = parent?.Id,
            CommittedAt = clock.GetUtcNow(),
            CommittedBy = options.Actor,
            Operation = options.Mode == IngestMode.Replace ? "replace" : "append",
            RowsAdded = outcome.RowsWritten,
            RowsSkipped = outcome.BadRows,
            TotalRows = sink.EndRowId - rowStart,
            RowStart = rowStart,
            RowEnd = sink.EndRowId,
            ContentHash = outcome.ContentHash!,
            Source = options.Source,
        };
        var id = connection.ExecuteScalar<long>(DatasetSql.InsertSnapshot, row, tx);
        connection.Execute(DatasetSql.UpdateDatasetHead, new
        {
            SnapshotId = id, NextRowId = sink.EndRowId, row.TotalRows, DatasetId = dataset.Id,
        }, tx);
        return (row with { Id = id }).ToSnapshot();
    }
}
