namespace Telco.InsightPortal.Ml.Artifacts;

/// <summary>File names of a run's artifacts, relative to its artifact directory.</summary>
public static class ArtifactNames
{
    public const string Model = "model.zip";
    public const string Metrics = "metrics.json";
    public const string Roc = "roc.json";
    public const string PrecisionRecall = "pr.json";
    public const string Confusion = "confusion.json";
    public const string Importance = "importance.json";
    public const string Calibration = "calibration.json";
    public const string Predictions = "predictions.csv";
    /// <summary>Test metrics sliced by gender, SeniorCitizen, Contract and other small categorical features, for the model card.</summary>
    public const string Slices = "slices.json";

    /// <summary>The model's signature: the dataset schema it was trained on, its label and label values. Serving
    /// reads it to know which input columns a request must carry and of which types.</summary>
    public const string Signature = "signature.json";
}
