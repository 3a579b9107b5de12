using Telco.InsightPortal.Apps;

namespace Telco.InsightPortal.Web.Apps;

public sealed partial class PortalAppHost
{
    public async Task<IReadOnlyList<AppInputHint>> InputsAsync(string appId, CancellationToken ct = default)
    {
        var schema = await scoring.SchemaAsync(await BoundDeploymentAsync(appId, ct), ct);
        return schema.Inputs.Select(i => new AppInputHint(i.Name, i.Type, i.Levels, i.Min, i.Max)).ToList();
    }

    public async Task<IReadOnlyList<AppExplanation>> ExplainAsync(string appId, IReadOnlyList<IReadOnlyDictionary<string, object?>> records,
        CancellationToken ct = default)
    {
        if (records.Count is 0 or > AppScoring.MaxBatch) throw new ArgumentException($"Explain 1 to {AppScoring.MaxBatch} rows at a time.", nameof(records));
        var reply = await scoring.ExplainAsync(await BoundDeploymentAsync(appId, ct), records, ct);
        return reply.Explanations
            .Select(e => new AppExplanation(e.Probability, e.Contributions.Select(c => new AppContribution(c.Column, c.Contribution)).ToList()))
            .ToList();
    }

    public Task<IReadOnlyList<AppSnapshot>> SnapshotsAsync(string appId, CancellationToken ct = default) => rows.SnapshotsAsync(appId, ct);

    public Task<AppRowPage> RowsAsync(string appId, long snapshotId, AppRowQuery query, CancellationToken ct = default) =>
        rows.PageAsync(appId, snapshotId, query, ct);

    private async Task<string> BoundDeploymentAsync(string appId, CancellationToken ct) =>
        (await bindings.GetAsync(appId, ct))?.Deployment
        ?? throw new AppUnavailableException("This app is not bound to a deployment yet: a data scientist or an administrator binds it on the Apps page.");
}
