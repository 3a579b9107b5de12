namespace Telco.InsightPortal.Apps;

/// <summary>
/// What the portal gives an app's pages: the deployment the app is bound to, the model versions it serves, and their
/// training runs' held-out predictions. Implemented by the portal; apps never open the store or a model themselves.
/// </summary>
public interface IAppHost
{
    /// <summary>The bound deployment and the versions it serves now, or null when the app is not bound.</summary>
    Task<AppDeployment?> DeploymentAsync(string appId, CancellationToken ct = default);

    /// <summary>The run's held-out test predictions (<c>predictions.csv</c>), or null when the run kept none.</summary>
    Task<Stream?> OpenHeldOutPredictionsAsync(string runId, CancellationToken ct = default);

    /// <summary>The newest logged predictions of <paramref name="version"/> on the app's deployment whose delayed label
    /// has arrived, at most <paramref name="limit"/>: (probability, churned). Empty when unbound or none are labelled.</summary>
    Task<IReadOnlyList<(double Score, bool Label)>> LabelledPredictionsAsync(string appId, AppServedVersion version, int limit, CancellationToken ct = default);
}

/// <summary>A deployment as an app sees it: its name, whether it is serving, and its versions (largest share first).</summary>
public sealed record AppDeployment(string Name, string Status, IReadOnlyList<AppServedVersion> Versions);

/// <summary>A model version a deployment serves, with its share of traffic (percent) and the run that trained it.</summary>
public sealed record AppServedVersion(string Model, string Version, string RunId, int Weight)
{
    public string Label => $"{Model} v{Version}";
}
