using Microsoft.ML;

namespace Telco.InsightPortal.Ml.Artifacts;

/// <summary>A verified model. <see cref="Model"/> is thread-safe and meant to be shared.</summary>
public sealed record LoadedModel(ITransformer Model, DataViewSchema InputSchema, string Path, string Sha256);
