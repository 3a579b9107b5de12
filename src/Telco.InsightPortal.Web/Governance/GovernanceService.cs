using Telco.InsightPortal.Core.Governance;
using Telco.InsightPortal.Data.Governance;
using Telco.InsightPortal.Data.Tracking;
using Telco.InsightPortal.Ml.Artifacts;
using Telco.InsightPortal.Ml.Evaluation;
using Telco.InsightPortal.Web.Experiments;

namespace Telco.InsightPortal.Web.Governance;

/// <summary>The governance view for the page and the API: the store's facts, the configured policies' verdicts, and a
/// one-line summary of each version's slice metrics read from its run's <c>slices.json</c>. Reads only.</summary>
public sealed class GovernanceService(GovernanceStore store, PolicyEvaluator evaluator, RunArtifacts artifacts, TimeProvider clock)
{
    public GovernancePolicies Policies => evaluator.Options.Policies;

    public async Task<GovernanceReport> ReportAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var models = new List<ModelGovernance>();
        foreach (var model in await store.ModelsAsync(ct))
        {
            var versions = new List<VersionGovernance>();
            foreach (var v in model.Versions) versions.Add(await DescribeAsync(v, now, ct));
            models.Add(new ModelGovernance(model.Name, model.Description, model.Owner, versions));
        }
        return new GovernanceReport(now.ToUnixTimeMilliseconds(), Policies, models);
    }

    /// <summary>What the policies would say if the version were asked to move to Production now (before anyone approves).</summary>
    public async Task<IReadOnlyList<PolicyCheck>> PromotionChecksAsync(string model, long version, CancellationToken ct = default) =>
        await store.VersionAsync(model, version, ct) is { } v
            ? evaluator.Promotion(v.Facts, clock.GetUtcNow(), approver: null)
            : throw TrackingException.NotFound($"Model Version (name={model}, version={version}) not found");

    private async Task<VersionGovernance> DescribeAsync(GovernedVersion v, DateTimeOffset now, CancellationToken ct)
    {
        var f = v.Facts;
        var slices = f.Card.Sections.Any(s => s is { Name: CardSections.SliceMetrics, Present: true })
            ? Summarise(await RunArtifacts.ReadJsonAsync<List<SliceColumn>>(artifacts.DirectoryOf(v.RunId), ArtifactNames.Slices, ct))
            : null;
        return new VersionGovernance(f.Model, f.Version, f.Stage, v.Aliases, f.CreatedBy, v.CreatedAt, v.RunId, f.Approvals, CardSummary.Of(f.Card),
            v.Decision, f.TestAuc, slices, new DriftSummary(f.Deployments, f.OpenDriftAlerts), evaluator.Review(f, now));
    }

    private static SliceSummary? Summarise(IReadOnlyList<SliceColumn>? columns)
    {
        if (columns is null) return null;
        var lowest = columns.SelectMany(c => c.Slices.Where(s => s.RocAuc is not null).Select(s => (c.Column, s.Value, Auc: s.RocAuc!.Value)))
            .OrderBy(s => s.Auc).Select(s => ((string Column, string Value, double Auc)?)s).FirstOrDefault();
        return new SliceSummary(columns.Select(c => c.Column).ToList(), lowest?.Auc, lowest is { } l ? $"{l.Column} = {l.Value}" : null);
    }
}
