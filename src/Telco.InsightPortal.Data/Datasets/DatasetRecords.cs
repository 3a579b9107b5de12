using Telco.InsightPortal.Core.Data;

namespace Telco.InsightPortal.Data.Datasets;

internal sealed record DatasetRow
{
    public long Id { get; init; }
    public string Name { get; init; } = "";
    public string? Description { get; init; }
    public string? Generator { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public string CreatedBy { get; init; } = "";
    public long? CurrentSnapshotId { get; init; }
    public long NextRowId { get; init; }
    public long TotalRows { get; init; }

    public Dataset ToDataset(IEnumerable<ColumnRow> columns) => new(Id, Name, Description, Generator, CreatedAt, CreatedBy,
        CurrentSnapshotId, TotalRows, new DatasetSchema(columns.Select(c => c.ToColumn()).ToList()));
}

internal sealed record ColumnRow
{
    public long DatasetId { get; init; }
    public int Ordinal { get; init; }
    public string Name { get; init; } = "";
    public string Type { get; init; } = "";
    public string Role { get; init; } = "";
    public bool Nullable { get; init; }
    public bool Pii { get; init; }

    public DatasetColumn ToColumn() =>
        new(Ordinal, Name, Enum.Parse<ColumnType>(Type), Enum.Parse<ColumnRole>(Role), Nullable, Pii);

    public static ColumnRow From(long datasetId, DatasetColumn c) => new()
    {
        DatasetId = datasetId, Ordinal = c.Ordinal, Name = c.Name, Type = c.Type.ToString(),
        Role = c.Role.ToString(), Nullable = c.Nullable, Pii = c.Pii,
    };
}

/// <summary>One page of a snapshot's rows; each row's first value is its physical row id.</summary>
public sealed record RowPage(long Offset, long Total, IReadOnlyList<object?[]> Rows);

internal sealed record SnapshotRow
{
    public long Id { get; init; }
    public long DatasetId { get; init; }
    public long? ParentId { get; init; }
    public DateTimeOffset CommittedAt { get; init; }
    public string CommittedBy { get; init; } = "";
    public string Operation { get; init; } = "";
    public long RowsAdded { get; init; }
    public long RowsSkipped { get; init; }
    public long TotalRows { get; init; }
    public long RowStart { get; init; }
    public long RowEnd { get; init; }
    public string ContentHash { get; init; } = "";
    public string Source { get; init; } = "";

    public Snapshot ToSnapshot() => new(Id, DatasetId, ParentId, CommittedAt, CommittedBy, Operation, RowsAdded,
        RowsSkipped, TotalRows, RowStart, RowEnd, ContentHash, Source);
}
