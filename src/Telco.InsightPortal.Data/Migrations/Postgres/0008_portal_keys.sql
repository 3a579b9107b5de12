-- The access key the portal itself scores with ("try it"), one per deployment. The secret is kept encrypted with the
-- portal's data-protection keys (the portal must present it, so a hash would not do); the key row itself, like every
-- key, stores only the SHA-256, so serving checks it like any other key and a revocation takes effect the same way.
CREATE TABLE deployment_portal_keys (
    deployment_id BIGINT NOT NULL PRIMARY KEY REFERENCES deployments (id),
    key_id        BIGINT NOT NULL REFERENCES deployment_keys (id),
    protected_key TEXT   NOT NULL
);
