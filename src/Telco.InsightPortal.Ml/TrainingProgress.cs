namespace Telco.InsightPortal.Ml;

public enum TrainingStage { Loading, Featurising, Sweeping, CrossValidating, Fitting, Evaluating, WritingArtifacts, Done }

/// <summary>Reported at each step; <see cref="Fraction"/> is overall progress in [0, 1].</summary>
public sealed record TrainingProgress(TrainingStage Stage, double Fraction, string Message, SweepTrial? Trial = null);
