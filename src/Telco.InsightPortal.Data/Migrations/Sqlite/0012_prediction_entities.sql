-- A prediction remembers whom it was about: the value of the schema's id column (customerID, device_id) the request
-- carried, so delayed labels can find a customer's predictions and the deployment page can search by id. Nullable:
-- rows scored without an id, and every row logged before this migration, have none. The index is partial so rows
-- without an id cost the writer no second b-tree; a query's "entity_id = ?" implies the index's condition.
ALTER TABLE predictions ADD COLUMN entity_id TEXT;
CREATE INDEX ix_predictions_entity ON predictions (deployment_id, entity_id, created_at) WHERE entity_id IS NOT NULL;
