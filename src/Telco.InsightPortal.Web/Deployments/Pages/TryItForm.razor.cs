using Microsoft.AspNetCore.Components;
using Telco.InsightPortal.Data.Deployments;
using Telco.InsightPortal.Web.Audit;
using Telco.InsightPortal.Web.Deployments.Client;
using Telco.InsightPortal.Web.Security;

namespace Telco.InsightPortal.Web.Deployments.Pages;

/// <summary>
/// A form generated from the deployment's schema that scores one row through <see cref="ServingClient"/> (as any
/// remote caller would, with the portal's own key) and shows the probability, the label and the top contributions.
/// Opening it only reads: it uses the portal's key when there is one and never makes one. Scoring adds to the
/// prediction log and the request counts, so it needs <see cref="Policies.DeploymentsWrite"/>, asked again on every press.
/// </summary>
public sealed partial class TryItForm
{
    public const int TopContributions = 8;

    [Parameter, EditorRequired] public required DeploymentRecord Deployment { get; set; }
    /// <summary>After each scored row, so the page can show the request it just added to the figures.</summary>
    [Parameter] public EventCallback OnScored { get; set; }
    [Inject] private ServingClient Serving { get; set; } = default!;
    [Inject] private PortalKeys PortalKeys { get; set; } = default!;
    [Inject] private DeploymentStore Store { get; set; } = default!;
    [Inject] private IAuditActorAccessor Actor { get; set; } = default!;
    [Inject] private CircuitAuthorization Authorization { get; set; } = default!;

    private ServedSchema? _schema;
    private WhatIf? _whatIf;
    private ServedPrediction? _prediction;
    private IReadOnlyList<ContributionTerm> _contributions = [];
    private string? _error;
    private bool _scoring;
    private bool _canScore;
    private bool _noKey;
    private bool _fromLog;
    private bool _typical;

    protected override async Task OnParametersSetAsync()
    {
        _canScore = await Authorization.AllowsAsync(Policies.DeploymentsWrite);
        if (await PortalKeys.FindAsync(Deployment) is not { } key)
        {
            _noKey = true;
            return;
        }
        _noKey = false;
        try
        {
            _schema = await Serving.SchemaAsync(Deployment.Name, key);
            // What the user typed survives the page's reloads; a redeploy to a model with other inputs starts afresh.
            if (_whatIf is null || !_whatIf.Values.Keys.ToHashSet().SetEquals(_schema.Inputs.Select(i => i.Name))) _whatIf = new WhatIf(_schema);
            var values = _whatIf.Values;
            var last = await Store.PredictionsAsync(Deployment, 0, long.MaxValue, 1);
            // A real request is the better example; training's typical values fill only what it left empty. The page
            // sets parameters again on each reload, when nothing is left to fill: what was filled stays said.
            if (last.Count == 1) _fromLog |= TryItRow.Prefill(values, last[0].Inputs);
            var logged = values.Where(v => v.Value is not null).Select(v => v.Key).ToHashSet(StringComparer.Ordinal);
            _typical |= TryItRow.FillTypical(_schema, values);
            _whatIf.Settle(logged);
        }
        catch (Exception e) when (IsServingFailure(e))
        {
            _error = $"Could not read the deployment's schema from serving: {e.Message}";
        }
    }

    private async Task ScoreAsync()
    {
        _error = null;
        _prediction = null;
        _contributions = [];
        if (!await Authorization.AllowsAsync(Policies.DeploymentsWrite))
        {
            _error = "Your role may read deployments but not score them from the portal.";
            return;
        }
        if (TryItRow.Build(_schema!, _whatIf!.Values, out var row) is { } problem)
        {
            _error = problem;
            return;
        }
        _scoring = true;
        try
        {
            var key = await PortalKeys.FindAsync(Deployment) ?? throw new ServingCallException(401, "The portal's key for this deployment was revoked.");
            _prediction = (await Serving.InvokeAsync(Deployment.Name, key, [row])).Single();
            var explanation = (await Serving.ExplainAsync(Deployment.Name, key, [row])).Single();
            _contributions = ContributionTerms.Top(explanation, TopContributions);
        }
        catch (Exception e) when (IsServingFailure(e))
        {
            _error = e.Message;
        }
        finally
        {
            _scoring = false;
        }
        // The result first; then the page catches up on its figures, with the button free again.
        StateHasChanged();
        if (_prediction is not null) await OnScored.InvokeAsync();
    }

    /// <summary>A writer may make the missing key here: that is a change of the deployment's keys, audited as theirs.</summary>
    private async Task MakeKeyAsync()
    {
        if (!await Authorization.AllowsAsync(Policies.DeploymentsWrite)) return;
        await PortalKeys.EnsureAsync(Deployment, await Actor.GetCurrentAsync());
        await OnParametersSetAsync();
    }

    private static bool IsServingFailure(Exception e) =>
        e is ServingCallException or HttpRequestException or TimeoutException or Polly.Timeout.TimeoutRejectedException;

    private string Prefilled => (_fromLog, _typical) switch
    {
        (true, true) => "; prefilled with the newest logged request, and typical training values where it had none.",
        (true, false) => "; prefilled with the newest logged request.",
        (false, true) => "; prefilled with typical training values (the most frequent level, the median number).",
        _ => ".",
    };
}
