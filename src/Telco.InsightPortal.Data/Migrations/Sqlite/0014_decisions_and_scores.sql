-- The decision saved on a model version (ROI & Threshold): act on a score at or above the threshold, and what each
-- outcome is worth. One per version; saving again replaces it (audited with the previous one).
CREATE TABLE model_decisions (
    model_id     INTEGER NOT NULL,
    version      INTEGER NOT NULL,
    threshold    REAL    NOT NULL CHECK (threshold > 0 AND threshold < 1),
    tp_value     REAL    NOT NULL CHECK (tp_value >= 0),
    tn_value     REAL    NOT NULL CHECK (tn_value >= 0),
    fp_cost      REAL    NOT NULL CHECK (fp_cost >= 0),
    fn_cost      REAL    NOT NULL CHECK (fn_cost >= 0),
    set_by       TEXT    NOT NULL,
    set_at       INTEGER NOT NULL,
    PRIMARY KEY (model_id, version),
    FOREIGN KEY (model_id, version) REFERENCES model_versions (model_id, version)
);

-- Serving labels a target's scores with the threshold copied here (replicas never read the registry); null: the
-- configured default.
ALTER TABLE deployment_targets ADD COLUMN threshold REAL;

-- Scores of dataset rows by a model (its zip's SHA-256: a version's model never changes), made by the portal through
-- a deployment for hosted apps. Derived data: deleting it loses nothing but time.
CREATE TABLE row_scores (
    dataset_id  INTEGER NOT NULL,
    model_sha   TEXT    NOT NULL,
    row_id      INTEGER NOT NULL,
    probability REAL    NOT NULL,
    scored_at   INTEGER NOT NULL,
    PRIMARY KEY (dataset_id, model_sha, row_id)
);

-- A user's saved items in a hosted app (what-if scenarios, an offer catalog): JSON bodies, by name.
CREATE TABLE app_saved_items (
    app_id   TEXT    NOT NULL,
    owner    TEXT    NOT NULL,
    kind     TEXT    NOT NULL,
    name     TEXT    NOT NULL,
    body     TEXT    NOT NULL,
    saved_at INTEGER NOT NULL,
    PRIMARY KEY (app_id, owner, kind, name)
);
