using System.Diagnostics;
using Telco.InsightPortal.Core.Data;
using Telco.InsightPortal.Core.Data.Ingestion;
using Telco.InsightPortal.Bench.Training;
using Telco.InsightPortal.Ml;
using Telco.InsightPortal.Ml.Trainers;

// Usage: dotnet run -c Release -- [--rows N] [--data path/to/telco-customer-churn.csv] [--skip-sweep] [--skip-synthetic]
//        [--trainers [name,name…]]
var rows = Option("--rows", 1_000_000);
var dataFile = OptionText("--data") ?? FindReferenceData();
var trainer = new ChurnTrainer();
using var artifacts = new TempArtifacts();

// Each trainer with its defaults on the reference data: the cross-validated headline beside the one test split.
if (args.Contains("--trainers") && dataFile is not null)
{
    var (schema, data) = Ingest(dataFile);
    var names = OptionText("--trainers") is { } list && !list.StartsWith("--", StringComparison.Ordinal) ? list.Split(',') : TrainerCatalog.Names;
    foreach (var name in names)
    {
        var clock = Stopwatch.StartNew();
        var result = await trainer.TrainAsync(new TrainingRequest { Schema = schema, Rows = data, LabelColumn = "Churn", Trainer = name });
        Console.WriteLine($"{name,-10} cross-validated ROC AUC {result.CrossValidation}, log-loss {result.CrossValidation!.LogLossMean:F4}; "
                          + $"test ROC AUC {result.Test.RocAuc:F4}, log-loss {result.Test.LogLoss:F4}; {clock.Elapsed.TotalSeconds:F1} s");
        Console.WriteLine("           " + result.Split.Protocol[result.Split.Protocol.IndexOf("Probabilities:", StringComparison.Ordinal)..]);
    }
}

if (!args.Contains("--skip-sweep"))
{
    if (dataFile is null) Console.WriteLine("Default sweep: skipped, reference data not found (pass --data).");
    else
    {
        var (schema, data) = Ingest(dataFile);
        var clock = Stopwatch.StartNew();
        var result = await trainer.TrainAsync(new TrainingRequest
        {
            Schema = schema,
            Rows = data,
            LabelColumn = "Churn",
            Sweep = new SweepOptions(),
            ArtifactDirectory = Path.Combine(artifacts.Path, "sweep"),
        });
        Console.WriteLine($"Default sweep on {data.Count:N0} rows: {clock.Elapsed.TotalSeconds:F1} s, {result.Trials.Count} trials");
        Console.WriteLine($"  best on validation: {result.Trainer} {Params(result.Params)}");
        Console.WriteLine($"  cross-validated ROC AUC {result.CrossValidation}");
        foreach (var f in result.Folds) Console.WriteLine($"    repeat {f.Repeat} fold {f.Fold}: ROC AUC {f.Metrics.RocAuc:F4} on {f.Metrics.Rows:N0} rows");
        Console.WriteLine($"  test ROC AUC {result.Test.RocAuc:F4} (one split, shown once), PR AUC {result.Test.PrAuc:F4}, F1 {result.Test.F1:F4}, log-loss {result.Test.LogLoss:F4}");
        Console.WriteLine($"  protocol: {result.Split.Protocol}");
        foreach (var t in result.Trials)
            Console.WriteLine($"    {t.Step,2} {t.Trainer,-10} val AUC {t.Validation.RocAuc:F4} {t.Duration.TotalSeconds,5:F1} s  {Params(t.Params)}");
    }
}

if (!args.Contains("--skip-synthetic"))
{
    var clock = Stopwatch.StartNew();
    var stages = new StageTimer(clock);
    var result = await trainer.TrainAsync(new TrainingRequest
    {
        Deterministic = !args.Contains("--threads"),
        Schema = SyntheticTelcoRows.Schema,
        Rows = SyntheticTelcoRows.Generate(rows, seed: 1),
        LabelColumn = "Churn",
        Trainer = "lightgbm",
        ArtifactDirectory = Path.Combine(artifacts.Path, "lightgbm"),
    }, stages);
    using var self = Process.GetCurrentProcess();
    self.Refresh();
    Console.WriteLine($"LightGBM on {rows:N0} synthetic IBM-schema rows (split, fit on 80 %, test, importance, artifacts): {clock.Elapsed.TotalSeconds:F1} s, " +
                      $"peak working set {self.PeakWorkingSet64 / (1024.0 * 1024):N0} MB, test ROC AUC {result.Test.RocAuc:F4}, "
                      + $"cross-validated {result.CrossValidation}");
    Console.WriteLine("  stages: " + stages);
}

int Option(string name, int fallback) => OptionText(name) is { } v ? int.Parse(v) : fallback;

string? OptionText(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

static string Params(IReadOnlyDictionary<string, double> p) => string.Join(", ", p.Select(kv => $"{kv.Key}={kv.Value:G4}"));

static string? FindReferenceData()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        var file = Path.Combine(dir.FullName, "..", "shared", "data", "telco-customer-churn.csv");
        if (File.Exists(Path.Combine(dir.FullName, "Telco.InsightPortal.sln"))) return File.Exists(file) ? Path.GetFullPath(file) : null;
    }
    return null;
}

static (DatasetSchema, List<object?[]>) Ingest(string file)
{
    using var stream = File.OpenRead(file);
    var sink = new ListSink();
    var outcome = new CsvIngestor(new IngestLimits()).Run(stream, null, OnRowError.Reject, _ => sink);
    return (outcome.Schema!, sink.Rows);
}

sealed class ListSink : IRowSink
{
    public List<object?[]> Rows { get; } = [];

    public void Write(object?[] row) => Rows.Add((object?[])row.Clone());
}

/// <summary>Seconds spent in each stage; reports arrive inline (not posted), so the times are exact.</summary>
sealed class StageTimer(Stopwatch clock) : IProgress<TrainingProgress>
{
    private readonly List<(TrainingStage Stage, TimeSpan At)> _marks = [];

    public void Report(TrainingProgress value)
    {
        if (_marks.Count == 0 || _marks[^1].Stage != value.Stage) _marks.Add((value.Stage, clock.Elapsed));
    }

    public override string ToString() => string.Join(", ", _marks.Zip(_marks.Skip(1))
        .Select(p => $"{p.First.Stage} {(p.Second.At - p.First.At).TotalSeconds:F1} s"));
}

sealed class TempArtifacts : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("telco-bench-").FullName;

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
