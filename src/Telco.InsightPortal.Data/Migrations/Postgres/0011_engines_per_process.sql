-- "replicas" was the size of the prediction-engine pool that each serving process keeps per target, while a replica
-- is a serving process (any number of them run alone on one store). The column is named for what it holds; its
-- CHECK constraint follows the rename.
ALTER TABLE deployments RENAME COLUMN replicas TO engines_per_process;
