CREATE TABLE users (
    id                   INTEGER PRIMARY KEY,
    username             TEXT    NOT NULL UNIQUE COLLATE NOCASE,
    display_name         TEXT    NOT NULL,
    password_hash        TEXT,
    must_change_password INTEGER NOT NULL DEFAULT 0,
    failed_attempts      INTEGER NOT NULL DEFAULT 0,
    locked_until         TEXT,
    disabled             INTEGER NOT NULL DEFAULT 0,
    created_at           TEXT    NOT NULL,
    created_by           TEXT    NOT NULL
);

CREATE TABLE user_roles (
    user_id INTEGER NOT NULL REFERENCES users (id),
    role    TEXT    NOT NULL,
    PRIMARY KEY (user_id, role)
);

-- Server-side sessions: a signed-out or expired session is refused even if its cookie is replayed.
CREATE TABLE sessions (
    id         TEXT    NOT NULL PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id),
    created_at TEXT    NOT NULL,
    ended_at   TEXT
);
CREATE INDEX ix_sessions_user ON sessions (user_id);

-- Personal access tokens, stored as SHA-256 of the secret; the secret is shown once.
CREATE TABLE access_tokens (
    id           INTEGER PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users (id),
    name         TEXT    NOT NULL,
    token_hash   TEXT    NOT NULL UNIQUE,
    prefix       TEXT    NOT NULL,
    created_at   TEXT    NOT NULL,
    expires_at   TEXT    NOT NULL,
    revoked_at   TEXT,
    last_used_at TEXT
);
CREATE INDEX ix_access_tokens_user ON access_tokens (user_id);

-- ASP.NET Core data-protection keys (encrypted at rest), shared by every portal instance on this store.
CREATE TABLE data_protection_keys (
    id           INTEGER PRIMARY KEY,
    friendly_name TEXT   NOT NULL UNIQUE,
    xml          TEXT    NOT NULL
);
