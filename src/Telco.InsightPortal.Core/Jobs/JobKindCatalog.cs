namespace Telco.InsightPortal.Core.Jobs;

/// <summary>
/// Every job kind the portal runs, with its parameters and outputs. Pure description: the implementations live with
/// the services they drive; a definition is checked against this when it is saved, before anything is scheduled.
/// </summary>
public static class JobKindCatalog
{
    public const string Pipeline = "pipeline";
    public const string Ingest = "ingest";
    public const string Train = "train";
    public const string Evaluate = "evaluate";
    public const string Register = "register";
    public const string Promote = "promote";
    public const string Redeploy = "redeploy";
    public const string SimulateTraffic = "simulate-traffic";
    public const string CheckDrift = "check-drift";

    private static JobParameter Text(string name, string description, bool required = false, object? @default = null, IReadOnlyList<string>? choices = null) =>
        new(name, JobValueType.Text, description, required, @default, Choices: choices);

    private static JobParameter Int(string name, string description, double min, double max, object? @default = null, bool required = false) =>
        new(name, JobValueType.Integer, description, required, @default, min, max);

    private static JobParameter Number(string name, string description, double min, double max, object? @default = null) =>
        new(name, JobValueType.Number, description, false, @default, min, max);

    public static readonly IReadOnlyList<JobKindSpec> All =
    [
        new(Ingest, "Ingest a batch", "Appends a batch to a dataset as a new snapshot: generated rows (with a drift setting) or the CSV files waiting in the dataset's inbox folder.",
            [
                Text("dataset", "The dataset to append to.", required: true),
                Text("source", "generator: seeded demo rows; folder: CSV files in <data>/inbox/<dataset>/.", @default: "generator", choices: ["generator", "folder"]),
                Int("rows", "Rows to generate.", 1, 1_000_000, 1000L),
                Number("drift", "How far generated rows drift from the first batch (0 none, 1 most).", 0, 1, 0d),
                Int("seed", "Generator seed; by default the run's id, so each run differs and a rerun repeats it.", 0, int.MaxValue),
            ],
            [
                new("snapshotId", JobValueType.Integer, "The new snapshot."),
                new("parentSnapshotId", JobValueType.Integer, "The snapshot before it."),
                new("rows", JobValueType.Integer, "Rows appended."),
            ]),
        new(Train, "Train", "Trains a model on a snapshot, or on the rows a snapshot added since an earlier one (the increment), as a tracked run.",
            [
                Text("dataset", "The dataset to train on.", required: true),
                Int("snapshotId", "The snapshot; by default the dataset's current one.", 1, long.MaxValue),
                Text("data", "snapshot: every row; increment: only rows added since sinceSnapshotId (by default the snapshot's parent).", @default: "snapshot", choices: ["snapshot", "increment"]),
                Int("sinceSnapshotId", "For data=increment: the snapshot the increment starts after.", 1, long.MaxValue),
                Text("trainer", "logistic, fasttree, lightgbm, fastforest or sweep.", @default: "lightgbm"),
                Text("label", "The label column; by default the dataset's."),
                Text("experiment", "The experiment; by default named after the dataset."),
                Int("budgetSeconds", "Time budget of a sweep.", 1, 3600, 60L),
                Int("seed", "Training seed.", 0, int.MaxValue, 42L),
            ],
            [
                new("runId", JobValueType.Text, "The training run."),
                new("rocAuc", JobValueType.Number, "The run's test ROC AUC."),
                new("snapshotId", JobValueType.Integer, "The snapshot it trained on."),
            ]),
        new(Evaluate, "Evaluate against the champion", "Scores the newest labelled rows with a run's model and with the version a deployment serves, and compares their ROC AUC.",
            [
                Text("run", "The challenger's training run.", required: true),
                Text("deployment", "The deployment whose serving version is the champion.", required: true),
                Int("snapshotId", "The snapshot whose added rows are the evaluation data; by default the dataset's current one.", 1, long.MaxValue),
                Number("minGain", "How much better the challenger's ROC AUC must be to win.", -1, 1, 0.005),
            ],
            [
                new("challenger", JobValueType.Number, "The challenger's ROC AUC."),
                new("champion", JobValueType.Number, "The champion's ROC AUC."),
                new("gain", JobValueType.Number, "challenger - champion."),
                new("wins", JobValueType.Boolean, "gain >= minGain."),
                new("rows", JobValueType.Integer, "Rows scored."),
            ]),
        new(Register, "Register", "Registers a finished run's model as the next version of a registered model.",
            [
                Text("run", "The training run.", required: true),
                Text("model", "The registered model; created if new.", required: true),
                Text("description", "The version's description (its intended use on the model card)."),
            ],
            [
                new("model", JobValueType.Text, "The registered model."),
                new("version", JobValueType.Integer, "The new version."),
            ]),
        new(Promote, "Promote", "Moves a version to a stage or alias. Production and champion go through the four-eyes rule: an approval request for a person, never applied by the job.",
            [
                Text("model", "The registered model.", required: true),
                Int("version", "The version.", 1, long.MaxValue, required: true),
                Text("to", "staging, challenger (applied at once), production or champion (an approval request).", required: true, choices: ["staging", "challenger", "production", "champion"]),
                Text("comment", "Why; kept with the change or the request."),
            ],
            [
                new("applied", JobValueType.Boolean, "The change was applied (false: a request waits for approval)."),
                new("requestId", JobValueType.Integer, "The approval request, when one was filed."),
            ]),
        new(Redeploy, "Redeploy", "Points a deployment at a version or alias: loaded and warmed beside the serving one, then swapped in.",
            [
                Text("deployment", "The deployment.", required: true),
                Int("version", "The version to serve.", 1, long.MaxValue),
                Text("alias", "Or the alias to serve (challenger, champion, …)."),
            ],
            [
                new("version", JobValueType.Integer, "The version now served."),
                new("generation", JobValueType.Integer, "The deployment's new generation."),
            ]),
        new(SimulateTraffic, "Simulate traffic", "Sends scoring requests to a deployment at a chosen rate, then posts delayed labels for a share of them, so monitoring has something to show.",
            [
                Text("deployment", "The deployment to call.", required: true),
                Text("source", "generator: fresh generated rows; snapshot: rows of the dataset's current snapshot.", @default: "generator", choices: ["generator", "snapshot"]),
                Int("rows", "Rows to score.", 1, 100_000, 1000L),
                Number("ratePerSecond", "Rows per second.", 0.1, 5000, 100d),
                Number("labelShare", "Share of the scored rows that get a delayed label.", 0, 1, 0.5),
                Int("labelDelaySeconds", "How long after scoring the labels are posted.", 0, 86_400, 10L),
                Number("drift", "Generator drift (0 none, 1 most).", 0, 1, 0d),
                Int("seed", "Seed; by default the run's id.", 0, int.MaxValue),
            ],
            [
                new("sent", JobValueType.Integer, "Rows scored."),
                new("errors", JobValueType.Integer, "Rows refused."),
                new("labelled", JobValueType.Integer, "Delayed labels posted."),
            ]),
        new(CheckDrift, "Check drift", "Compares a deployment's recent logged inputs with its training snapshot and estimated performance with its floor; raises or updates alerts.",
            [
                Text("deployment", "The deployment.", required: true),
                Int("windowHours", "How far back the window of logged inputs reaches.", 1, 24 * 90, 24L),
            ],
            [
                new("verdict", JobValueType.Text, "The dataset-level verdict: ok, warn, alert or insufficient."),
                new("alerts", JobValueType.Integer, "Alerts raised or updated."),
                new("estimatedAuc", JobValueType.Number, "The window's estimated ROC AUC (no value when it cannot be estimated)."),
            ]),
    ];

    public static readonly IReadOnlyList<string> Names = [.. All.Select(k => k.Name), Pipeline];

    public static JobKindSpec? Find(string name) => All.FirstOrDefault(k => k.Name == name);
}
