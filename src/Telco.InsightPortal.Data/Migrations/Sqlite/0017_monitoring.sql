-- Monitoring alerts (issue #14): drift, estimated performance and error-rate checks raise them; people acknowledge and
-- resolve them, each change audited. At most one alert is open (open or acknowledged) per deployment, kind and feature:
-- a check that finds the same problem again updates that alert's value instead of raising another.
CREATE TABLE monitoring_alerts (
    id              INTEGER PRIMARY KEY,
    deployment      TEXT    NOT NULL,
    kind            TEXT    NOT NULL,
    feature         TEXT,
    severity        TEXT    NOT NULL CHECK (severity IN ('warn', 'alert')),
    message         TEXT    NOT NULL,
    value           REAL,
    threshold       REAL,
    opened_at       INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    status          TEXT    NOT NULL CHECK (status IN ('open', 'acknowledged', 'resolved')),
    acknowledged_by TEXT,
    acknowledged_at INTEGER,
    resolved_by     TEXT,
    resolved_at     INTEGER
);

-- The dedupe rule, kept by the store itself: one unresolved alert per (deployment, kind, feature); '' stands for "no
-- feature" so the rule holds for deployment-level alerts too.
CREATE UNIQUE INDEX ux_monitoring_alerts_unresolved ON monitoring_alerts (deployment, kind, COALESCE(feature, ''))
    WHERE status <> 'resolved';
CREATE INDEX ix_monitoring_alerts_status ON monitoring_alerts (status, id);
