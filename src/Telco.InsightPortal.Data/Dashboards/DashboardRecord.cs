namespace Telco.InsightPortal.Data.Dashboards;

/// <summary>A dashboard as stored; <see cref="Body"/> is the document's JSON (empty in lists, which do not read it).</summary>
public sealed record DashboardRecord(long Id, string Name, string Owner, long Version, long CreatedAt, long UpdatedAt, string UpdatedBy, string Body)
{
    /// <summary>A list row: Dapper picks the constructor that matches the columns read.</summary>
    public DashboardRecord(long id, string name, string owner, long version, long createdAt, long updatedAt, string updatedBy)
        : this(id, name, owner, version, createdAt, updatedAt, updatedBy, "")
    {
    }
}

/// <summary>One saved version; <see cref="Note"/> says how it came about when it was not an edit ("restored from version 3").</summary>
public sealed record DashboardVersionRecord(long Version, string Name, string SavedBy, long SavedAt, string? Note);

/// <summary>A stored share row; <see cref="Access"/> is "viewer" or "editor".</summary>
public sealed record DashboardShareRecord(long DashboardId, string Kind, string Principal, string Access);
