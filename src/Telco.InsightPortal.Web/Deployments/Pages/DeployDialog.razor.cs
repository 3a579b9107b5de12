using Microsoft.AspNetCore.Components;
using MudBlazor;
using Telco.InsightPortal.Data.Registry;
using Telco.InsightPortal.Serving.Deployments;
using Telco.InsightPortal.Web.Audit;
using Telco.InsightPortal.Web.Security;

namespace Telco.InsightPortal.Web.Deployments.Pages;

/// <summary>Deploys a model version or alias under a new name, then shows the deployment's first access key once.
/// Closes with the deployment's name.</summary>
public sealed partial class DeployDialog
{
    public static readonly DialogOptions Options = new() { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true };

    [CascadingParameter] private IMudDialogInstance Dialog { get; set; } = default!;
    [Parameter] public string? Model { get; set; }
    [Parameter] public string? Version { get; set; }
    [Inject] private RegistryStore Registry { get; set; } = default!;
    [Inject] private DeploymentService Deployments { get; set; } = default!;
    [Inject] private IAuditActorAccessor Actor { get; set; } = default!;
    [Inject] private CircuitAuthorization Authorization { get; set; } = default!;

    private IReadOnlyList<string> _models = [];
    private IReadOnlyList<string> _versions = [];
    private string _name = "";
    private string? _model;
    private string? _version;
    private string _alias = "";
    private bool _byAlias = true;
    private int _engines = 2;
    private string? _error;
    private string? _accessKey;
    private bool _submitting;

    /// <summary>Opens the dialog for a write role; the deployment's name when one was made, else null.</summary>
    public static async Task<string?> ShowAsync(IDialogService dialogs, CircuitAuthorization authorization, string? model, string? version)
    {
        if (!await authorization.AllowsAsync(Policies.DeploymentsWrite)) return null;
        var parameters = new DialogParameters<DeployDialog> { { d => d.Model, model }, { d => d.Version, version } };
        var dialog = await dialogs.ShowAsync<DeployDialog>("Deploy a model", parameters, Options);
        return await dialog.Result is { Canceled: false, Data: string name } ? name : null;
    }

    protected override async Task OnInitializedAsync()
    {
        _models = [.. (await Registry.SearchModelsAsync(null, RegistryStore.ModelSearchMax, null, null)).Models.Select(m => m.Name)];
        if (Version is not null) _byAlias = false;
        if ((Model ?? _models.FirstOrDefault()) is { } model)
        {
            _name = Model is null ? "" : model.ToLowerInvariant();
            await SelectModelAsync(model);
            _version = Version ?? _version;
        }
    }

    private async Task SelectModelAsync(string model)
    {
        _model = model;
        var versions = await Registry.ListVersionsAsync(model);
        _versions = [.. versions.Select(v => v.Version.ToString(System.Globalization.CultureInfo.InvariantCulture))];
        _version = _versions.FirstOrDefault();
        // Start from an alias the model has (champion first); a model with none is deployed by version, not by an
        // alias that Deploy could only refuse.
        var start = TargetChoice.Prefill(versions, _version ?? "");
        _alias = TargetChoice.Parse(start).Alias ?? "";
        if (_alias.Length == 0) _byAlias = false;
    }

    private async Task DeployAsync()
    {
        _error = null;
        if (!await Authorization.AllowsAsync(Policies.DeploymentsWrite))
        {
            _error = "Your role may read deployments but not create them.";
            return;
        }
        _submitting = true;
        try
        {
            var (state, key) = await Deployments.CreateAsync(_name.Trim(), _model, _byAlias ? null : _version, _byAlias ? _alias.Trim() : null, _engines, await Actor.GetCurrentAsync());
            _name = state.Deployment.Name;
            _accessKey = key;
        }
        catch (DeploymentException e)
        {
            _error = e.Message;
        }
        finally
        {
            _submitting = false;
        }
    }

    private void Done() => Dialog.Close(DialogResult.Ok(_name));

    private void Cancel() => Dialog.Cancel();
}
