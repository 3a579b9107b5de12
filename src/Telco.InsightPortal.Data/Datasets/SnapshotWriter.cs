using System.Data.Common;
using Dapper;
using Telco.InsightPortal.Core.Data;
using Telco.InsightPortal.Core.Data.Ingestion;
using Telco.InsightPortal.Core.Lineage;
using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.Data.Lineage;
using Telco.InsightPortal.Data.Store;

namespace Telco.InsightPortal.Data.Datasets;

/// <summary>
/// The one write path for dataset rows: an upload, an API post and a generated batch all come here.
/// Each ingest is one transaction that creates the dataset if new, appends the rows and commits a
/// snapshot; anything wrong rolls the whole of it back. The snapshot's audit entry is written in that same
/// transaction, so a snapshot cannot commit without it; an ingest that commits nothing is audited after
/// the rollback, in a transaction of its own.
/// </summary>
public sealed class SnapshotWriter(IConnectionFactory factory, IngestLimits limits, TimeProvider clock, IAuditTrail audit)
{
    public const string CommitAction = "snapshot.commit";
    public const string DatasetTarget = "dataset";

    public async Task<IngestResult> IngestAsync(string datasetName, Stream csv, IngestOptions options, CancellationToken ct = default)
    {
        IngestResult result;
        try
        {
            result = DatasetNames.Problem(datasetName) is { } problem
                ? IngestResult.Fail(IngestFailure.BadRequest, problem)
                // ADO.NET over SQLite is synchronous underneath; run the whole ingest off the request thread.
                : await Task.Run(() => Ingest(datasetName, csv, options, ct), ct);
        }
        catch (Exception e)
        {
            var reason = e is OperationCanceledException ? "cancelled" : $"{e.GetType().Name}: {e.Message}";
            try
            {
                await AuditFailureAsync(datasetName, options, reason, null, null);
            }
            catch (Exception auditError)
            {
                throw new AggregateException("The ingest failed, and so did writing its audit entry.", e, auditError);
            }
            throw;
        }
        if (!result.Committed) await AuditFailureAsync(datasetName, options, result.Message ?? "Nothing was committed.", result.Failure, result.Outcome);
        return result;
    }

    private Task AuditFailureAsync(string name, IngestOptions options, string reason, IngestFailure? failure, IngestOutcome? outcome) =>
        // Not cancellable: the request may have been cancelled, its record must still be written.
        audit.AppendAsync(AuditActor.From(options.Actor), new AuditEvent(CommitAction, DatasetTarget, name, AuditOutcomes.Failure, new
        {
            reason,
            failure = failure?.ToString(),
            source = options.Source,
            mode = options.Mode.ToString().ToLowerInvariant(),
            rowsRead = outcome?.RowsRead,
            badRows = outcome?.BadRows,
        }), CancellationToken.None);

    private IngestResult Ingest(string name, Stream csv, IngestOptions options, CancellationToken ct)
    {
        var started = clock.GetUtcNow();
        using var write = factory.BeginWrite();
        var (connection, tx) = (write.Connection, write.Transaction);
        using var file = new HashingReadStream(csv);
        var dataset = DatasetStore.Get(connection, tx, name, forUpdate: true);
        if (dataset is null && options.Schema?.Validate() is { Count: > 0 } schemaProblems)
            return IngestResult.Fail(IngestFailure.BadRequest, string.Join(" ", schemaProblems));

        RowSink? sink = null;
        try
        {
            var outcome = new CsvIngestor(limits).Run(file, dataset?.Schema ?? options.Schema, options.OnError, schema =>
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
            RecordLineage(connection, tx, dataset, snapshot, SourceFile.Read(options.Source, file.BytesRead, file.Sha256()), started);
            audit.Append(connection, tx, AuditActor.From(options.Actor), new AuditEvent(CommitAction, DatasetTarget, dataset.Name, AuditOutcomes.Success, new
            {
                snapshotId = snapshot.Id,
                rowsAdded = snapshot.RowsAdded,
                rowsSkipped = snapshot.RowsSkipped,
                totalRows = snapshot.TotalRows,
                contentHash = snapshot.ContentHash,
                source = snapshot.Source,
                mode = options.Mode.ToString().ToLowerInvariant(),
            }));
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

    private Dataset CreateDataset(DbConnection connection, DbTransaction tx, string name, DatasetSchema schema, IngestOptions options)
    {
        var now = clock.GetUtcNow();
        var id = connection.ExecuteScalar<long>(DatasetSql.InsertDataset, new
        {
            Name = name, Description = (string?)null, options.Generator, CreatedAt = now, CreatedBy = options.Actor.Name,
        }, tx);
        connection.Execute(DatasetSql.InsertColumn, schema.Columns.Select(c => ColumnRow.From(id, c)), tx);
        connection.Execute(new RowTable(id, schema, factory.Provider).CreateSql(), transaction: tx);
        return new Dataset(id, name, null, options.Generator, now, options.Actor.Name, null, 0, schema);
    }

    /// <summary>The file the rows came from, the dataset, and for an append the parent whose rows the snapshot holds.</summary>
    private static void RecordLineage(DbConnection connection, DbTransaction tx, Dataset dataset, Snapshot snapshot, SourceFile file, DateTimeOffset started)
    {
        var at = snapshot.CommittedAt.ToUnixTimeMilliseconds();
        var id = LineageIds.Number(snapshot.Id);
        LineageRecorder.RecordSourceFile(connection, tx, file, at);
        LineageRecorder.Record(connection, tx, new LineageEdge(LineageNodeTypes.SourceFile, file.Id, LineageNodeTypes.Snapshot, id,
            LineageEdgeKinds.IngestedFrom, at, snapshot.CommittedBy));
        LineageRecorder.Record(connection, tx, new LineageEdge(LineageNodeTypes.Dataset, dataset.Name, LineageNodeTypes.Snapshot, id,
            LineageEdgeKinds.SnapshotOf, at, snapshot.CommittedBy));
        if (snapshot is { ParentId: { } parent, Operation: "append" })
            LineageRecorder.Record(connection, tx, new LineageEdge(LineageNodeTypes.Snapshot, LineageIds.Number(parent), LineageNodeTypes.Snapshot, id,
                LineageEdgeKinds.SnapshotOf, at, snapshot.CommittedBy));
        // The ingest as an OpenLineage run: the file in, the dataset at this snapshot out.
        var runId = OpenLineageRunEvent.RunIdFor(LineageIds.Key(LineageNodeTypes.Snapshot, id));
        OpenLineageDataset[] inputs = [new(LineageIds.Key(LineageNodeTypes.SourceFile, file.Id))];
        OpenLineageDataset[] outputs = [new(LineageIds.Key(LineageNodeTypes.Dataset, dataset.Name), id)];
        var job = "ingest/" + dataset.Name;
        OpenLineageOutbox.Add(connection, tx, new OpenLineageRunEvent(OpenLineageRunEvent.Start, runId, job, started, inputs, []));
        OpenLineageOutbox.Add(connection, tx, new OpenLineageRunEvent(OpenLineageRunEvent.Complete, runId, job, snapshot.CommittedAt, inputs, outputs));
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
            CommittedBy = options.Actor.Name,
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
