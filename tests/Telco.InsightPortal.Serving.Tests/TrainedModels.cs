using System.Text.Json.Nodes;
using Telco.InsightPortal.Core.Data;
using Telco.InsightPortal.Core.Data.Generators;
using Telco.InsightPortal.Core.Registry;
using Telco.InsightPortal.Ml;
using Telco.InsightPortal.Ml.Artifacts;

namespace Telco.InsightPortal.Serving.Tests;

/// <summary>
/// Real churn models trained once per test collection on generated IBM-schema data, in an artifact root of their own,
/// and a resolver over them (standing in for the registry, which is another feature): "churn" versions 1 (logistic)
/// and 2 (fasttree), "3-tampered" (a zip whose recorded hash no longer matches), "4-missing" (no file), "5-old" (version
/// 1's files with a signature as written before input profiles existed) and 6 (the ensemble).
/// </summary>
public sealed class TrainedModels : IModelVersionResolver, IAsyncLifetime
{
    public const string Model = "churn";

    private readonly Dictionary<string, ModelVersionRef> _versions = new(StringComparer.Ordinal);

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "telco-serving-tests", Guid.NewGuid().ToString("N"));
    /// <summary>The generator's schema, with tenure and Contract required (not nullable), so requests can break that rule.</summary>
    public DatasetSchema Schema { get; } = new([.. new TelcoChurnGenerator().Schema.Columns
        .Select(c => c.Name is "tenure" or "Contract" ? c with { Nullable = false } : c)]);
    public IReadOnlyList<object?[]> Rows { get; private set; } = [];

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(Root);
        var generator = new TelcoChurnGenerator();
        Rows = generator.Generate(new GeneratorRequest(1200, 42)).ToList();
        _versions["1"] = await TrainAsync("run-1", "logistic");
        _versions["2"] = await TrainAsync("run-2", "fasttree");
        var tampered = await TrainAsync("run-3", "logistic");
        File.AppendAllText(Path.Combine(Root, tampered.ModelPath), "tampered");
        _versions["3-tampered"] = tampered with { Version = "3-tampered" };
        _versions["4-missing"] = _versions["1"] with { Version = "4-missing", ModelPath = "runs/no-such-run/model.zip" };
        _versions["5-old"] = WithoutProfiles(_versions["1"], "run-5");
        _versions["6"] = await TrainAsync("run-6", "ensemble");
    }

    public ModelVersionRef this[string version] => _versions[version];

    /// <summary>A row in schema order, as the generator made it (label included, which scoring ignores).</summary>
    public object?[] Row(int i) => Rows[i];

    public Task<ModelVersionRef> ResolveAsync(string model, string? version, string? alias, CancellationToken ct = default)
    {
        var key = version ?? (alias == "champion" ? "1" : alias == "challenger" ? "2" : null);
        if (model != Model || key is null || !_versions.TryGetValue(key, out var found))
            throw new ModelVersionNotFoundException($"Model '{model}' has no version '{version ?? alias}'.");
        return Task.FromResult(found);
    }

    private async Task<ModelVersionRef> TrainAsync(string runId, string trainer)
    {
        var directory = Path.Combine(Root, "runs", runId);
        var result = await new ChurnTrainer().TrainAsync(new TrainingRequest
        {
            Schema = Schema, Rows = Rows, LabelColumn = "Churn", Trainer = trainer, ArtifactDirectory = directory, ImportanceSampleRows = 200,
        });
        return new ModelVersionRef(Model, runId[4..], runId, $"runs/{runId}/{ArtifactNames.Model}", result.Model!.Sha256, null);
    }

    private ModelVersionRef WithoutProfiles(ModelVersionRef version, string runId)
    {
        var from = Path.GetDirectoryName(Path.Combine(Root, version.ModelPath))!;
        var to = Directory.CreateDirectory(Path.Combine(Root, "runs", runId)).FullName;
        foreach (var file in Directory.GetFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        var signature = JsonNode.Parse(File.ReadAllText(Path.Combine(to, ArtifactNames.Signature)))!.AsObject();
        if (!signature.Remove("profiles")) throw new InvalidOperationException("The trainer's signature has no profiles to remove.");
        File.WriteAllText(Path.Combine(to, ArtifactNames.Signature), signature.ToJsonString());
        return version with { Version = runId[4..] + "-old", RunId = runId, ModelPath = $"runs/{runId}/{ArtifactNames.Model}" };
    }

    public ValueTask DisposeAsync()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
        return ValueTask.CompletedTask;
    }
}
