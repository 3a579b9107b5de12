using Microsoft.AspNetCore.Components;
using MudBlazor;
using Telco.InsightPortal.Data.Deployments;
using Telco.InsightPortal.Serving.Deployments;
using Telco.InsightPortal.Web.Audit;
using Telco.InsightPortal.Web.Security;

namespace Telco.InsightPortal.Web.Deployments.Pages;

/// <summary>A deployment's access keys: prefix, creator and state; a new key is shown once, then only its prefix.</summary>
public sealed partial class KeysPanel
{
    [Parameter, EditorRequired] public required DeploymentRecord Deployment { get; set; }
    [Parameter] public bool CanWrite { get; set; }
    [Inject] private DeploymentService Deployments { get; set; } = default!;
    [Inject] private IAuditActorAccessor Actor { get; set; } = default!;
    [Inject] private CircuitAuthorization Authorization { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;

    private IReadOnlyList<DeploymentKeyRecord> _keys = [];
    private string? _newName;
    private string? _secret;
    private string? _error;
    private string? _nameError;

    /// <summary>The service refuses a key without a name (the API's body needs "name" too); said at the field first.</summary>
    public const string NameRequired = "Name the key (1-100 characters), e.g. after the caller that will use it.";

    protected override async Task OnParametersSetAsync() => _keys = await Deployments.KeysAsync(Deployment.Name);

    private async Task CreateAsync()
    {
        _error = null;
        _secret = null;
        _nameError = string.IsNullOrWhiteSpace(_newName) ? NameRequired : null;
        if (_nameError is not null || !await AllowedAsync()) return;
        try
        {
            (_, _secret) = await Deployments.CreateKeyAsync(Deployment.Name, _newName, await Actor.GetCurrentAsync());
            _newName = null;
            _keys = await Deployments.KeysAsync(Deployment.Name);
        }
        catch (DeploymentException e)
        {
            _error = e.Message;
        }
    }

    private async Task RevokeAsync(DeploymentKeyRecord key)
    {
        _error = null;
        if (!await AllowedAsync()) return;
        if (await Dialogs.ShowMessageBoxAsync("Revoke key", $"Revoke key '{key.Name}' ({key.Prefix}…)? Callers using it get 401 from now on.",
                yesText: "Revoke", cancelText: "Cancel") != true) return;
        try
        {
            await Deployments.RevokeKeyAsync(Deployment.Name, key.Id, await Actor.GetCurrentAsync());
            _keys = await Deployments.KeysAsync(Deployment.Name);
        }
        catch (DeploymentException e)
        {
            _error = e.Message;
        }
    }

    /// <summary>Hidden buttons are not forbidden ones: every handler asks the policy again.</summary>
    private async Task<bool> AllowedAsync()
    {
        if (await Authorization.AllowsAsync(Policies.DeploymentsWrite)) return true;
        _error = "Your role may read deployments but not change their keys.";
        return false;
    }
}
