namespace Telco.InsightPortal.Ml;

public enum TrainingStage { Loading, Featurising, Sweeping, CrossValidating, Fitting, Evaluating, WritingArtifacts, Done }

/// <summary>Reported at each step; <see cref="Fraction"/> is overall progress in [0, 1]. During a sweep,
/// <see cref="Trial"/> is the trial just scored and <see cref="TrialsPlanned"/> how many the plan holds (the time
/// budget may end the sweep sooner).</summary>
public sealed record TrainingProgress(TrainingStage Stage, double Fraction, string Message, SweepTrial? Trial = null, int? TrialsPlanned = null);
