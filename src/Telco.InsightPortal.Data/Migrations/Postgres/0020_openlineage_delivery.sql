-- Delivery of the OpenLineage outbox to a configured endpoint (a Marquez server, say). One sender at a time holds the
-- lease below, so events leave in the order they were written (a START before its COMPLETE) even with several
-- instances on one store. An event that fails waits for next_attempt_at and blocks the ones after it; one the endpoint
-- refuses as malformed (a 4xx other than 408 and 429) is set aside with rejected_at and its error, never deleted.
ALTER TABLE openlineage_outbox ADD COLUMN next_attempt_at BIGINT;
ALTER TABLE openlineage_outbox ADD COLUMN last_error TEXT;
ALTER TABLE openlineage_outbox ADD COLUMN rejected_at BIGINT;

CREATE TABLE openlineage_sender (
    id               INTEGER PRIMARY KEY CHECK (id = 1),
    owner            TEXT,
    lease_expires_at BIGINT
);
INSERT INTO openlineage_sender (id) VALUES (1);
