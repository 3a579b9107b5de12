using Telco.InsightPortal.Core.Data;
using Telco.InsightPortal.Core.Errors;
using Telco.InsightPortal.Data.Datasets;

namespace Telco.InsightPortal.Web.Datasets.Api;

public sealed record ColumnDto(string Name, string Type, string Role, bool Nullable, bool Pii)
{
    public static ColumnDto From(DatasetColumn c) =>
        new(c.Name, c.Type.ToString().ToLowerInvariant(), c.Role.ToString().ToLowerInvariant(), c.Nullable, c.Pii);
}

public sealed record DatasetDto(string Name, string? Description, string? Generator, DateTimeOffset CreatedAt, string CreatedBy,
    long? CurrentSnapshotId, long TotalRows, IReadOnlyList<ColumnDto> Columns)
{
    public static DatasetDto From(Dataset d) => new(d.Name, d.Description, d.Generator, d.CreatedAt, d.CreatedBy,
        d.CurrentSnapshotId, d.TotalRows, d.Schema.Columns.Select(ColumnDto.From).ToList());
}

public sealed record SnapshotDto(long Id, string Dataset, long? ParentId, DateTimeOffset CommittedAt, string CommittedBy,
    string Operation, long RowsAdded, long RowsSkipped, long TotalRows, string ContentHash, string Source)
{
    public static SnapshotDto From(Snapshot s, string dataset) => new(s.Id, dataset, s.ParentId, s.CommittedAt, s.CommittedBy,
        s.Operation, s.RowsAdded, s.RowsSkipped, s.TotalRows, s.ContentHash, s.Source);
}

public sealed record RowsDto(long SnapshotId, long Offset, int Limit, long Total, IReadOnlyList<string> Columns, IReadOnlyList<object?[]> Rows);

/// <summary>The body of a failed ingest: what went wrong, and for row problems, where.</summary>
/// <summary>A refused ingest as problem details: the message, and the row error report as extension members.</summary>
public static class IngestError
{
    public static PortalException From(IngestResult r, ErrorKind kind) => new(kind, r.Message ?? "Ingest failed.")
    {
        Details = new Dictionary<string, object?>
        {
            ["rowsRead"] = r.Outcome?.RowsRead ?? 0,
            ["badRows"] = r.Outcome?.BadRows ?? 0,
            ["errors"] = r.Outcome?.Errors ?? [],
            ["existingSnapshotId"] = r.Failure == IngestFailure.Duplicate ? r.Snapshot?.Id : null,
        },
    };
}

public sealed record GenerateRequestDto(string? Generator, int Rows = 1000, int Seed = 42, double Drift = 0);
