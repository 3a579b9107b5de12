using Telco.InsightPortal.Core.Data;
using Telco.InsightPortal.Core.Data.Generators;
using Telco.InsightPortal.Core.Registry;
using Telco.InsightPortal.Ml;
using Telco.InsightPortal.Ml.Artifacts;

namespace Telco.InsightPortal.Bench.Serving;

/// <summary>
/// Two real churn models (logistic, fasttree) trained on generated IBM-schema rows into the bench's artifact root, and
/// broken versions for the redeploy test: a zip changed after training (hash mismatch) and one that is missing. The
/// resolver hands serving what the registry would: model path and recorded SHA-256.
/// </summary>
public sealed class BenchModels : IModelVersionResolver
{
    public const string Model = "churn";

    private readonly Dictionary<string, ModelVersionRef> _versions = new(StringComparer.Ordinal);

    private BenchModels(string root, DatasetSchema schema, IReadOnlyList<object?[]> rows)
    {
        Root = root;
        Schema = schema;
        Rows = rows;
    }

    public string Root { get; }
    public DatasetSchema Schema { get; }
    public IReadOnlyList<object?[]> Rows { get; }
    public IReadOnlyList<DatasetColumn> Features => [.. Schema.Columns.Where(c => c.Role == ColumnRole.Feature)];

    public static async Task<BenchModels> TrainAsync(string root)
    {
        var generator = new TelcoChurnGenerator();
        var rows = generator.Generate(new GeneratorRequest(5000, 42)).ToList();
        var models = new BenchModels(root, generator.Schema, rows);
        models._versions["1"] = await models.TrainOneAsync("run-1", "logistic");
        models._versions["2"] = await models.TrainOneAsync("run-2", "fasttree");
        var tampered = await models.TrainOneAsync("run-3", "logistic");
        await File.AppendAllTextAsync(Path.Combine(root, tampered.ModelPath), "changed after training");
        models._versions["broken-hash"] = tampered with { Version = "broken-hash" };
        models._versions["broken-missing"] = models._versions["1"] with { Version = "broken-missing", ModelPath = "runs/no-such-run/model.zip" };
        return models;
    }

    public ModelVersionRef this[string version] => _versions[version];

    public Task<ModelVersionRef> ResolveAsync(string model, string? version, string? alias, CancellationToken ct = default) =>
        model == Model && version is not null && _versions.TryGetValue(version, out var found)
            ? Task.FromResult(found)
            : throw new ModelVersionNotFoundException($"Model '{model}' has no version '{version ?? alias}'.");

    private async Task<ModelVersionRef> TrainOneAsync(string runId, string trainer)
    {
        var result = await new ChurnTrainer().TrainAsync(new TrainingRequest
        {
            Schema = Schema, Rows = Rows, LabelColumn = "Churn", Trainer = trainer,
            ArtifactDirectory = Path.Combine(Root, "runs", runId), ImportanceSampleRows = 200,
        });
        return new ModelVersionRef(Model, runId[4..], runId, $"runs/{runId}/{ArtifactNames.Model}", result.Model!.Sha256, null);
    }
}
