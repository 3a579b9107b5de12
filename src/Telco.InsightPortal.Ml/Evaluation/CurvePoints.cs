namespace Telco.InsightPortal.Ml.Evaluation;

public sealed record RocPoint(double Threshold, double FalsePositiveRate, double TruePositiveRate);

public sealed record PrPoint(double Threshold, double Recall, double Precision);

/// <summary>One probability bin: how often customers predicted at about <see cref="MeanPredicted"/> really churned.</summary>
public sealed record CalibrationBin(double Lower, double Upper, int Count, double MeanPredicted, double ObservedRate);

public sealed record ConfusionMatrix(double Threshold, int TruePositives, int FalsePositives, int TrueNegatives, int FalseNegatives);

/// <summary>How much the test ROC AUC drops when one input column's values are shuffled among rows.</summary>
public sealed record ColumnImportance(string Column, double RocAucDrop);
