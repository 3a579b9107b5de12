namespace Telco.InsightPortal.Ml.Scoring;

/// <summary>How much one input column moved a prediction's score (log-odds units for linear models;
/// positive pushes towards churn). Derived features and one-hot categories are summed into their input column.</summary>
public sealed record FeatureContribution(string Column, double Contribution);
