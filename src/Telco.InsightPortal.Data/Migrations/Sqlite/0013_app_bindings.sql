-- A hosted app bound to the deployment it scores through. One binding per app: rebinding replaces it (audited).
-- Deployments are never deleted, so the reference cannot dangle.
CREATE TABLE app_bindings (
    app_id        TEXT    PRIMARY KEY,
    deployment_id INTEGER NOT NULL REFERENCES deployments (id),
    bound_by      TEXT    NOT NULL,
    bound_at      INTEGER NOT NULL
);
