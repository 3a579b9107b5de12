-- A prediction remembers whom it was about: the value of the schema's id column (customerID, device_id) the request
-- carried, so delayed labels can find a customer's predictions and the deployment page can search by id. Nullable:
-- rows scored without an id, and every row logged before this migration, have none (adding a nullable column without
-- a default rewrites nothing). The index is partial so rows without an id cost COPY no second b-tree.
ALTER TABLE predictions ADD COLUMN entity_id TEXT;
CREATE INDEX ix_predictions_entity ON predictions (deployment_id, entity_id, created_at) WHERE entity_id IS NOT NULL;
