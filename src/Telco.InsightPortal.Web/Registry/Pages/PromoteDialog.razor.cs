using Microsoft.AspNetCore.Components;
using MudBlazor;
using Telco.InsightPortal.Data.Registry;
using Telco.InsightPortal.Data.Tracking;
using Telco.InsightPortal.Web.Audit;
using Telco.InsightPortal.Web.Security;

namespace Telco.InsightPortal.Web.Registry.Pages;

/// <summary>Moves a version to a stage or puts an alias on it; Production and champion become approval requests.
/// Closes with a sentence saying what happened.</summary>
public sealed partial class PromoteDialog
{
    public static readonly DialogOptions Options = new() { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true };

    [CascadingParameter] private IMudDialogInstance Dialog { get; set; } = default!;
    [Parameter, EditorRequired] public required ModelVersion Version { get; set; }
    [Inject] private RegistryStore Registry { get; set; } = default!;
    [Inject] private IAuditActorAccessor Actor { get; set; } = default!;
    [Inject] private CircuitAuthorization Authorization { get; set; } = default!;

    private string _kind = ApprovalTargets.Alias;
    private string _stage = ModelStages.Staging;
    private string _alias = ModelAliases.Champion;
    private bool _archiveExisting = true;
    private string? _comment;
    private string? _error;
    private bool _submitting;

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
        catch (TrackingException e)
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
