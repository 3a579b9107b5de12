using Microsoft.Extensions.ObjectPool;
using Telco.InsightPortal.Core.Registry;
using Telco.InsightPortal.Ml.Artifacts;
using Telco.InsightPortal.Ml.Scoring;
using Telco.InsightPortal.Serving.Scoring;

namespace Telco.InsightPortal.Serving.Models;

/// <summary>A model version ready to serve: one shared transformer for batches and explanations, and a pool of
/// single-row engines (each used by one request at a time).</summary>
public sealed class LoadedVersion
{
    public LoadedVersion(ModelVersionRef version, LoadedModel model, ModelSignature signature, int poolSize)
    {
        Ref = version;
        Signature = signature;
        Inputs = new InputSchema(signature);
        Scorer = new ChurnScorer(model.Model, signature.Schema);
        Engines = new DefaultObjectPool<RowEngine>(new EnginePolicy(model, signature), Math.Max(1, poolSize));
        Label = $"{version.Model}/{version.Version}";
    }

    public ModelVersionRef Ref { get; }
    public ModelSignature Signature { get; }
    public InputSchema Inputs { get; }
    public ChurnScorer Scorer { get; }
    public ObjectPool<RowEngine> Engines { get; }
    /// <summary>"model/version", as predictions report it.</summary>
    public string Label { get; }

    /// <summary>Scores rows in schema order: one pooled engine for a single row, one Transform for a batch.</summary>
    public float[] Score(IReadOnlyList<object?[]> rows)
    {
        if (rows.Count != 1) return Scorer.Score(rows);
        var engine = Engines.Get();
        try
        {
            return [engine.Score(rows[0])];
        }
        finally
        {
            Engines.Return(engine);
        }
    }

    private sealed class EnginePolicy(LoadedModel model, ModelSignature signature) : PooledObjectPolicy<RowEngine>
    {
        public override RowEngine Create() => new(model.Model, signature.Schema);

        public override bool Return(RowEngine obj) => true;
    }
}
