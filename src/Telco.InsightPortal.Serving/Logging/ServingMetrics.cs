using Prometheus;

namespace Telco.InsightPortal.Serving.Logging;

/// <summary>Request metrics in Prometheus format (prometheus-net), labelled by deployment and outcome.</summary>
public static class ServingMetrics
{
    public static readonly Counter Requests = Metrics.CreateCounter("telco_serving_requests_total",
        "Scoring requests by deployment, endpoint and HTTP status.", "deployment", "endpoint", "status");

    public static readonly Counter Rows = Metrics.CreateCounter("telco_serving_rows_total", "Rows scored, by deployment and model version.",
        "deployment", "model_version");

    public static readonly Histogram Latency = Metrics.CreateHistogram("telco_serving_request_duration_seconds",
        "Scoring request duration, by deployment.", new HistogramConfiguration
        {
            LabelNames = ["deployment"],
            Buckets = Histogram.ExponentialBuckets(0.0001, 2, 16),
        });

    /// <summary>Per process: each process is one replica and one scrape target, so replicas are counted by the scraper.</summary>
    public static readonly Gauge EnginesPerProcess = Metrics.CreateGauge("telco_serving_engines_per_process",
        "Prediction engines this serving process keeps per target of the deployment (0 while it is stopped).", "deployment");

    public static readonly Counter Dropped = Metrics.CreateCounter("telco_serving_predictions_dropped_total",
        "Predictions (rows) not logged because the prediction log queue was full.");
}
