using System.Data.Common;
using Dapper;
using Telco.InsightPortal.Core.Lineage;

namespace Telco.InsightPortal.Data.Lineage;

/// <summary>
/// Writes lineage in the caller's write transaction, so an edge commits with the change it describes, or not at all.
/// Recording a fact twice is a no-op (the edge's key), so retried and replayed work may record freely. Static, like the
/// SQL it runs: it holds nothing, and the stores that call it keep their constructors.
/// </summary>
public static class LineageRecorder
{
    public static Task RecordAsync(DbConnection c, DbTransaction tx, LineageEdge edge, CancellationToken ct) =>
        c.ExecuteAsync(new CommandDefinition(LineageSql.InsertEdge, Parameters(edge), tx, cancellationToken: ct));

    /// <summary>For the ingest, which writes synchronously on a thread of its own.</summary>
    public static void Record(DbConnection c, DbTransaction tx, LineageEdge edge) =>
        c.Execute(LineageSql.InsertEdge, Parameters(edge), tx);

    public static void RecordSourceFile(DbConnection c, DbTransaction tx, SourceFile file, long at) =>
        c.Execute(LineageSql.InsertSourceFile, new { file.Id, file.Name, file.SizeBytes, file.Sha256, At = at }, tx);

    /// <summary>A run trained on a portal snapshot, recorded only if that snapshot exists (a client may name any).</summary>
    public static Task RecordTrainedOnAsync(DbConnection c, DbTransaction tx, long snapshotId, string runId, long at, string? actor, CancellationToken ct) =>
        c.ExecuteAsync(new CommandDefinition(LineageSql.InsertTrainedOn, new { SnapshotId = snapshotId, RunId = runId, At = at, Actor = actor }, tx, cancellationToken: ct));

    public static async Task RenameModelAsync(DbConnection c, DbTransaction tx, string oldName, string newName, CancellationToken ct)
    {
        var names = new { OldName = oldName, NewName = newName };
        await c.ExecuteAsync(new CommandDefinition(LineageSql.RenameModelFrom, names, tx, cancellationToken: ct));
        await c.ExecuteAsync(new CommandDefinition(LineageSql.RenameModelTo, names, tx, cancellationToken: ct));
    }

    private static object Parameters(LineageEdge e) => new { e.FromType, e.FromId, e.ToType, e.ToId, e.Kind, e.At, e.Actor };
}

/// <summary>A file rows were read from: its SHA-256 names it (<see cref="LineageIds"/>).</summary>
public sealed record SourceFile(string Id, string Name, long? SizeBytes, string? Sha256)
{
    public static SourceFile Read(string name, long sizeBytes, string sha256) => new(sha256, name, sizeBytes, sha256);
}
