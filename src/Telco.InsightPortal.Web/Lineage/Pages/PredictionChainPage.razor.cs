using System.Globalization;
using Microsoft.AspNetCore.Components;
using Telco.InsightPortal.Core.Lineage;
using Telco.InsightPortal.Data.Lineage;
using Telco.InsightPortal.Web.Deployments.Pages;

namespace Telco.InsightPortal.Web.Lineage.Pages;

/// <summary>A logged prediction's chain, top to bottom in the order things were made: source file, snapshot, run,
/// model version with its approvals, the deployment generation that served it, the prediction. A uuid box at the top
/// lets an auditor paste one. Reading only.</summary>
public sealed partial class PredictionChainPage
{
    /// <summary>Metrics shown on the run's card, when the run logged them; the run's page has the rest.</summary>
    private static readonly string[] ShownMetrics = ["roc_auc", "pr_auc", "accuracy", "f1", "test_auc"];

    [Parameter] public string? Uuid { get; set; }
    [Inject] private PredictionChainStore Chains { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;

    private PredictionChain? _chain;
    private string? _problem;
    private string? _search;
    private bool _loading;

    protected override async Task OnParametersSetAsync()
    {
        _chain = null;
        _problem = null;
        _search = Uuid;
        if (string.IsNullOrWhiteSpace(Uuid)) return;
        if (!PredictionUuidText.TryParse(Uuid, out var uuid))
        {
            _problem = PredictionUuidText.Refusal(Uuid);
            return;
        }
        _loading = true;
        _chain = await Chains.GetAsync(uuid);
        _loading = false;
        if (_chain is null) _problem = $"No deployment logged a prediction {uuid:D}.";
    }

    private void Show()
    {
        var text = _search?.Trim();
        if (!PredictionUuidText.TryParse(text, out var uuid))
        {
            _chain = null;
            _problem = PredictionUuidText.Refusal(text);
            return;
        }
        Navigation.NavigateTo(LineageLinks.PredictionChain(uuid.ToString("D")));
    }

    private static IReadOnlyList<(string, string)> RunFacts(ChainRun r) =>
    [
        ("run id", r.RunId), ("experiment", r.Experiment), ("trainer", r.Trainer ?? "—"), ("status", r.Status),
        .. ShownMetrics.Where(r.Metrics.ContainsKey).Select(k => (k, r.Metrics[k] is { } v ? v.ToString("0.0000", CultureInfo.InvariantCulture) : "—")),
    ];

    private static IReadOnlyList<(string, string)> VersionFacts(ChainModelVersion v) =>
    [
        ("stage now", v.Stage), ("stage then", v.StageThen ?? "no approved stage change before the prediction"),
        ("model SHA-256", v.ModelSha256.Length > 16 ? v.ModelSha256[..16] + "…" : v.ModelSha256),
    ];

    private static IReadOnlyList<(string, string)> DeploymentFacts(ChainDeployment d) =>
    [
        ("served", string.Join(" · ", d.Targets.Select(t => d.Targets.Count == 1 ? t.ModelVersion : $"{t.ModelVersion} {t.Weight}%"))),
        ("change", d.Action ?? "not found in the audit trail"), ("current generation", d.CurrentGeneration.ToString(CultureInfo.InvariantCulture)),
        ("created by", $"{d.CreatedBy}, {DeploymentView.Time(d.CreatedAt)} UTC"),
    ];

    private static IReadOnlyList<(string, string)> PredictionFacts(ChainPrediction p) =>
    [
        ("model version", p.ModelVersion), ("probability", p.Probability.ToString("0.0000", CultureInfo.InvariantCulture)),
        ("label", p.Label.ToString(CultureInfo.InvariantCulture)), ("true label", p.TrueLabel?.ToString(CultureInfo.InvariantCulture) ?? "not yet known"),
        ("latency", DeploymentView.Ms(p.LatencyMs)),
    ];
}
