-- Analyst dashboards (issue #13). The current document is kept on the dashboard for reading; every save also appends
-- a version, so history and restore never depend on the current row. Shares give a role or a named user view or edit.
CREATE TABLE dashboards (
    id         INTEGER PRIMARY KEY,
    name       TEXT    NOT NULL,
    owner      TEXT    NOT NULL,
    version    INTEGER NOT NULL,
    body       TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    updated_by TEXT    NOT NULL
);

CREATE TABLE dashboard_versions (
    dashboard_id INTEGER NOT NULL REFERENCES dashboards (id),
    version      INTEGER NOT NULL,
    name         TEXT    NOT NULL,
    body         TEXT    NOT NULL,
    saved_at     INTEGER NOT NULL,
    saved_by     TEXT    NOT NULL,
    note         TEXT,
    PRIMARY KEY (dashboard_id, version)
);

CREATE TABLE dashboard_shares (
    dashboard_id INTEGER NOT NULL REFERENCES dashboards (id),
    kind         TEXT    NOT NULL CHECK (kind IN ('role', 'user')),
    principal    TEXT    NOT NULL,
    access       TEXT    NOT NULL CHECK (access IN ('viewer', 'editor')),
    PRIMARY KEY (dashboard_id, kind, principal)
);
