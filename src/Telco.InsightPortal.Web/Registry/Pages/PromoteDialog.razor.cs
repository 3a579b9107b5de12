using Microsoft.AspNetCore.Components;
using MudBlazor;
using Telco.InsightPortal.Core.Governance;
using Telco.InsightPortal.Data.Registry;
using Telco.InsightPortal.Data.Tracking;
using Telco.InsightPortal.Web.Audit;
using Telco.InsightPortal.Web.Governance;
using Telco.InsightPortal.Web.Security;

namespace Telco.InsightPortal.Web.Registry.Pages;

/// <summary>Moves a version to a stage or puts an alias on it; Production and champion become approval requests.
/// Closes with a sentence saying what happened. Before a move to Production it shows the governance checks; a blocking
/// failure disables the button (the registry refuses it anyway, whoever asks).</summary>
public sealed partial class PromoteDialog
{
    public static readonly DialogOptions Options = new() { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true };

    [CascadingParameter] private IMudDialogInstance Dialog { get; set; } = default!;
    [Parameter, EditorRequired] public required ModelVersion Version { get; set; }
    /// <summary>Opens on this stage instead of an alias (a link that says "promote to Production").</summary>
    [Parameter] public string? Stage { get; set; }
    [Inject] private RegistryStore Registry { get; set; } = default!;
    [Inject] private IAuditActorAccessor Actor { get; set; } = default!;
    [Inject] private CircuitAuthorization Authorization { get; set; } = default!;
    [Inject] private GovernanceService Governance { get; set; } = default!;

    private string _kind = ApprovalTargets.Alias;
    private string _stage = ModelStages.Staging;
    private string _alias = ModelAliases.Champion;
    private bool _archiveExisting = true;
    private string? _comment;
    private string? _error;
    private bool _submitting;
    private IReadOnlyList<PolicyCheck>? _checks;

    private bool ShowsChecks => _kind == ApprovalTargets.Stage && _stage == ModelStages.Production;

    private bool Blocked => ShowsChecks && _checks is not null && _checks.Any(c => c.Blocks);

    protected override async Task OnInitializedAsync()
    {
        if (ModelStages.Normalise(Stage) is { } stage) (_kind, _stage) = (ApprovalTargets.Stage, stage);
        _checks = await Governance.PromotionChecksAsync(Version.Name, Version.Version);
    }

    private bool NeedsApproval => RegistryStore.NeedsApproval(_kind, _kind == ApprovalTargets.Stage ? _stage : _alias ?? "");

    private async Task SubmitAsync()
    {
        _error = null;
        if (!await Authorization.AllowsAsync(Policies.ModelsWrite))
        {
            _error = "Your role may read models but not change them.";
            return;
        }
        _submitting = true;
        try
        {
            var actor = await Actor.GetCurrentAsync();
            var change = _kind == ApprovalTargets.Stage
                ? await Registry.TransitionStageAsync(Version.Name, Version.Version, _stage, _archiveExisting, _comment, actor)
                : await Registry.SetAliasAsync(Version.Name, _alias?.Trim() ?? "", Version.Version, _comment, actor);
            var target = _kind == ApprovalTargets.Stage ? $"stage {_stage}" : $"alias @{_alias}";
            Dialog.Close(DialogResult.Ok(change.Applied
                ? $"{RegistryView.Version(Version.Version)} is now at {target}."
                : $"Requested {target} for {RegistryView.Version(Version.Version)}; waiting for a second DataScientist or Admin."));
        }
        catch (Exception e) when (e is TrackingException or PromotionBlockedException)
        {
            _error = e.Message;
        }
        finally
        {
            _submitting = false;
        }
    }

    private void Cancel() => Dialog.Cancel();
}
