-- What runs trained on (MLflow's runs/log-inputs). As in MLflow, a dataset is one row per experiment, name and
-- digest, shared by the runs that used it; each use carries its own tags (e.g. mlflow.data.context = training).
CREATE TABLE run_datasets (
    dataset_id    INTEGER PRIMARY KEY,
    experiment_id INTEGER NOT NULL REFERENCES experiments (experiment_id),
    name          TEXT    NOT NULL,
    digest        TEXT    NOT NULL,
    source_type   TEXT    NOT NULL,
    source        TEXT    NOT NULL,
    schema        TEXT,
    profile       TEXT,
    UNIQUE (experiment_id, name, digest)
);

CREATE TABLE run_inputs (
    run_id     TEXT    NOT NULL REFERENCES runs (run_id),
    dataset_id INTEGER NOT NULL REFERENCES run_datasets (dataset_id),
    PRIMARY KEY (run_id, dataset_id)
);

CREATE TABLE run_input_tags (
    run_id     TEXT    NOT NULL,
    dataset_id INTEGER NOT NULL,
    key        TEXT    NOT NULL,
    value      TEXT    NOT NULL,
    PRIMARY KEY (run_id, dataset_id, key),
    FOREIGN KEY (run_id, dataset_id) REFERENCES run_inputs (run_id, dataset_id)
);
