namespace Telco.InsightPortal.Ml;

/// <summary>The metric a sweep maximises on the validation split (log-loss is minimised).</summary>
public enum SelectionMetric { RocAuc, PrAuc, F1, Accuracy, LogLoss }
