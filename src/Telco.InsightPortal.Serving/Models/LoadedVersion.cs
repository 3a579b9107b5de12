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
        : this(version, model, signature, new InputSchema(signature), new ChurnScorer(model.Model, signature.Schema), poolSize)
    {
    }

    private LoadedVersion(ModelVersionRef version, LoadedModel model, ModelSignature signature, InputSchema inputs, ChurnScorer scorer, int poolSize)
    {
        Ref = version;
        Model = model;
        Signature = signature;
        Inputs = inputs;
        Scorer = scorer;
        PoolSize = Math.Max(1, poolSize);
        Engines = new DefaultObjectPool<RowEngine>(new EnginePolicy(model, signature), PoolSize);
        Label = $"{version.Model}/{version.Version}";
    }

    public ModelVersionRef Ref { get; }
    public LoadedModel Model { get; }
    public int PoolSize { get; }
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

    /// <summary>The same model (transformer, scorer, schema: nothing read or hashed again) with a pool of another
    /// size: what scaling a deployment swaps in. Requests holding this one finish on it and return their engines here.</summary>
    public LoadedVersion WithPool(int poolSize) => new(Ref, Model, Signature, Inputs, Scorer, poolSize);

    /// <summary>Creates every engine of the pool and scores <paramref name="row"/> on each, then a batch of two through
    /// Transform, so the first requests after a swap pay for no engine.</summary>
    public void WarmUp(object?[] row)
    {
        var engines = new List<RowEngine>(PoolSize);
        try
        {
            for (var i = 0; i < PoolSize; i++)
            {
                engines.Add(Engines.Get());
                engines[^1].Score(row);
            }
        }
        finally
        {
            foreach (var engine in engines) Engines.Return(engine);
        }
        Scorer.Score([row, row]);
    }

    private sealed class EnginePolicy(LoadedModel model, ModelSignature signature) : PooledObjectPolicy<RowEngine>
    {
        public override RowEngine Create() => new(model.Model, signature.Schema);

        public override bool Return(RowEngine obj) => true;
    }
}
