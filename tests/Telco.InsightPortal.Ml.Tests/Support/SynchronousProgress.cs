namespace Telco.InsightPortal.Ml.Tests.Support;

/// <summary>Progress&lt;T&gt; posts to the thread pool; this reports inline so the test sees every report in order.</summary>
public sealed class SynchronousProgress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
{
    public void Report(TrainingProgress value) => report(value);
}
