using Telco.InsightPortal.Core.Data;
using Telco.InsightPortal.Core.Data.Ingestion;
using Telco.InsightPortal.Ml;
using Telco.InsightPortal.Ml.Artifacts;
using Telco.InsightPortal.Ml.Scoring;

namespace Telco.InsightPortal.Bench.Explorer;

/// <summary>
/// The IBM sample read through the portal's ingestor and a logistic model trained on it by the portal's trainer, saved
/// and loaded as serving loads it: the search is measured against the scoring cost a deployment pays, minus HTTP.
/// </summary>
internal sealed class TrainedTelcoModel
{
    private readonly ChurnScorer _scorer;

    private TrainedTelcoModel(DatasetSchema schema, List<object?[]> rows, ChurnScorer scorer)
    {
        Schema = schema;
        Rows = [.. rows.Select(r => (IReadOnlyDictionary<string, object?>)schema.Columns.ToDictionary(c => c.Name, c => r[c.Ordinal]))];
        _scorer = scorer;
    }

    public DatasetSchema Schema { get; }

    public IReadOnlyList<IReadOnlyDictionary<string, object?>> Rows { get; }

    public static async Task<TrainedTelcoModel> TrainAsync(string csv)
    {
        var sink = new CollectingSink();
        await using (var stream = File.OpenRead(csv))
        {
            var outcome = new CsvIngestor(new IngestLimits()).Run(stream, null, OnRowError.Reject, _ => sink);
            if (outcome.Failed(OnRowError.Reject)) throw new InvalidOperationException(outcome.FileError ?? "ingest failed");
            sink.Schema = outcome.Schema!;
        }
        var directory = Directory.CreateTempSubdirectory("explorer-bench-").FullName;
        try
        {
            var request = new TrainingRequest { Schema = sink.Schema, Rows = sink.Rows, LabelColumn = "Churn", CrossValidationFolds = 0, ArtifactDirectory = directory };
            var result = await new ChurnTrainer().TrainAsync(request);
            var model = new ModelLoader(directory).Load(ArtifactNames.Model, result.Model!.Sha256).Model;
            Console.WriteLine($"model: {result.Headline}, trained in {result.Duration.TotalSeconds:0.0} s on {sink.Rows.Count:N0} rows");
            return new TrainedTelcoModel(sink.Schema, sink.Rows, new ChurnScorer(model, sink.Schema));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>Probabilities only, as serving's /predict computes them.</summary>
    public Task<IReadOnlyList<double>> ScoreAsync(IReadOnlyList<IReadOnlyDictionary<string, object?>> rows, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<double>>([.. _scorer.Score(Arrays(rows), ct).Select(p => (double)p)]);

    /// <summary>Probabilities with every feature's contribution, as serving's /explain (what IAppHost.ExplainAsync calls) computes them.</summary>
    public Task<IReadOnlyList<double>> ExplainAsync(IReadOnlyList<IReadOnlyDictionary<string, object?>> rows, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<double>>([.. _scorer.ExplainRows(Arrays(rows), ct).Select(e => e.Probability)]);

    private List<object?[]> Arrays(IReadOnlyList<IReadOnlyDictionary<string, object?>> rows) =>
        [.. rows.Select(r => Schema.Columns.Select(c => r.GetValueOrDefault(c.Name)).ToArray())];

    /// <summary>The ingestor reuses its row array, so each row is copied.</summary>
    private sealed class CollectingSink : IRowSink
    {
        public List<object?[]> Rows { get; } = [];
        public DatasetSchema Schema { get; set; } = new([]);

        public void Write(object?[] row) => Rows.Add((object?[])row.Clone());
    }
}
