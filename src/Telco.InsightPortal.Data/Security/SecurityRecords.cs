namespace Telco.InsightPortal.Data.Security;

public sealed record UserRecord
{
    public long Id { get; init; }
    public string Username { get; init; } = "";
    public string DisplayName { get; init; } = "";
    public string? PasswordHash { get; init; }
    public bool MustChangePassword { get; init; }
    public int FailedAttempts { get; init; }
    public DateTimeOffset? LockedUntil { get; init; }
    public bool Disabled { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public string CreatedBy { get; init; } = "";
    public IReadOnlyList<string> Roles { get; init; } = [];

    public bool IsLockedAt(DateTimeOffset now) => LockedUntil is { } until && until > now;
}

public sealed record AccessTokenRecord
{
    public long Id { get; init; }
    public long UserId { get; init; }
    public string Username { get; init; } = "";
    public string Name { get; init; } = "";
    public string Prefix { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset ExpiresAt { get; init; }
    public DateTimeOffset? RevokedAt { get; init; }
    public DateTimeOffset? LastUsedAt { get; init; }

    public bool IsActiveAt(DateTimeOffset now) => RevokedAt is null && ExpiresAt > now;
}

public sealed record SessionRecord
{
    public string Id { get; init; } = "";
    public long UserId { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? EndedAt { get; init; }
}
