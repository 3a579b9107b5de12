namespace Telco.InsightPortal.Data.Security;

internal static class SecuritySql
{
    private const string UserColumns = """
        id AS Id, username AS Username, display_name AS DisplayName, password_hash AS PasswordHash,
        must_change_password AS MustChangePassword, failed_attempts AS FailedAttempts, locked_until AS LockedUntil,
        disabled AS Disabled, created_at AS CreatedAt, created_by AS CreatedBy
        """;

    public const string CountUsers = "SELECT COUNT(*) FROM users";
    public const string ListUsers = "SELECT " + UserColumns + " FROM users ORDER BY username";
    public const string GetUserByName = "SELECT " + UserColumns + " FROM users WHERE lower(username) = lower(@Username)";
    public const string GetUserById = "SELECT " + UserColumns + " FROM users WHERE id = @Id";
    public const string ListRoles = "SELECT user_id AS UserId, role AS Role FROM user_roles WHERE user_id = @Id ORDER BY role";
    public const string ListAllRoles = "SELECT user_id AS UserId, role AS Role FROM user_roles ORDER BY role";

    public const string InsertUser = """
        INSERT INTO users (username, display_name, password_hash, must_change_password, failed_attempts, disabled, created_at, created_by)
        VALUES (@Username, @DisplayName, @PasswordHash, @MustChangePassword, 0, @Disabled, @CreatedAt, @CreatedBy)
        RETURNING id
        """;
    public const string InsertRole = "INSERT INTO user_roles (user_id, role) VALUES (@UserId, @Role)";
    public const string DeleteRoles = "DELETE FROM user_roles WHERE user_id = @UserId";

    public const string RecordFailure = """
        UPDATE users SET failed_attempts = failed_attempts + 1,
            locked_until = CASE WHEN failed_attempts + 1 >= @Threshold THEN @LockUntil ELSE locked_until END
        WHERE id = @Id
        """;
    public const string RecordSuccess = "UPDATE users SET failed_attempts = 0, locked_until = NULL WHERE id = @Id";
    public const string SetPassword = "UPDATE users SET password_hash = @PasswordHash, must_change_password = @MustChange, failed_attempts = 0, locked_until = NULL WHERE id = @Id";
    public const string SetDisabled = "UPDATE users SET disabled = @Disabled WHERE id = @Id";
    public const string Unlock = "UPDATE users SET failed_attempts = 0, locked_until = NULL WHERE id = @Id";

    public const string InsertSession = "INSERT INTO sessions (id, user_id, created_at) VALUES (@Id, @UserId, @CreatedAt)";
    public const string GetSession = "SELECT id AS Id, user_id AS UserId, created_at AS CreatedAt, ended_at AS EndedAt FROM sessions WHERE id = @Id";
    public const string EndSession = "UPDATE sessions SET ended_at = @EndedAt WHERE id = @Id AND ended_at IS NULL";
    public const string EndUserSessions = "UPDATE sessions SET ended_at = @EndedAt WHERE user_id = @UserId AND ended_at IS NULL";

    private const string TokenColumns = """
        t.id AS Id, t.user_id AS UserId, u.username AS Username, t.name AS Name, t.prefix AS Prefix, t.created_at AS CreatedAt,
        t.expires_at AS ExpiresAt, t.revoked_at AS RevokedAt, t.last_used_at AS LastUsedAt
        """;
    public const string InsertToken = """
        INSERT INTO access_tokens (user_id, name, token_hash, prefix, created_at, expires_at)
        VALUES (@UserId, @Name, @TokenHash, @Prefix, @CreatedAt, @ExpiresAt)
        RETURNING id
        """;
    public const string GetTokenByHash = "SELECT " + TokenColumns + " FROM access_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = @TokenHash";
    public const string GetToken = "SELECT " + TokenColumns + " FROM access_tokens t JOIN users u ON u.id = t.user_id WHERE t.id = @Id";
    public const string ListTokensOfUser = "SELECT " + TokenColumns + " FROM access_tokens t JOIN users u ON u.id = t.user_id WHERE t.user_id = @UserId ORDER BY t.id DESC";
    public const string ListAllTokens = "SELECT " + TokenColumns + " FROM access_tokens t JOIN users u ON u.id = t.user_id ORDER BY t.id DESC";
    public const string RevokeToken = "UPDATE access_tokens SET revoked_at = @RevokedAt WHERE id = @Id AND revoked_at IS NULL";
    public const string TouchToken = "UPDATE access_tokens SET last_used_at = @LastUsedAt WHERE id = @Id";

    public const string ListKeys = "SELECT xml FROM data_protection_keys ORDER BY id";
    public const string InsertKey = "INSERT INTO data_protection_keys (friendly_name, xml) VALUES (@FriendlyName, @Xml)";
}
