using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Telco.InsightPortal.Data.Registry;
using Telco.InsightPortal.Data.Tracking;
using Telco.InsightPortal.Web.Security;

namespace Telco.InsightPortal.Web.Registry.Pages;

/// <summary>One registered model: its versions with stages and aliases, the approval requests waiting on a second
/// person, a model card per version, and two versions side by side.</summary>
public sealed partial class ModelPage
{
    [Parameter] public string Name { get; set; } = "";
    /// <summary>The version whose card opens first (links from a deployment's predictions); the newest otherwise.</summary>
    [SupplyParameterFromQuery(Name = "version")] public long? Version { get; set; }
    [Inject] private RegistryStore Registry { get; set; } = default!;
    [Inject] private ModelCards Cards { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private CircuitAuthorization Authorization { get; set; } = default!;
    [Inject] private AuthenticationStateProvider Authentication { get; set; } = default!;

    private RegisteredModel? _model;
    private IReadOnlyList<ModelVersion> _versions = [];
    private IReadOnlyList<ApprovalRequest> _approvals = [];
    private List<BreadcrumbItem> _crumbs = [];
    private ModelCard? _card;
    private long _cardVersion;
    private bool _loaded;
    private bool _canWrite;
    private string _user = "";

    private int PendingCount => _approvals.Count(a => a.Status == ApprovalStatuses.Pending);

    protected override async Task OnParametersSetAsync()
    {
        _canWrite = await Authorization.AllowsAsync(Policies.ModelsWrite);
        _user = (await Authentication.GetAuthenticationStateAsync()).User.Identity?.Name ?? "";
        await ReloadAsync();
        _loaded = true;
    }

    private async Task ReloadAsync()
    {
        try
        {
            var model = await Registry.GetModelAsync(Name);
            _versions = await Registry.ListVersionsAsync(Name);
            _approvals = await Registry.ListApprovalsAsync(Name, pendingOnly: false);
            _crumbs = [new("Models", "/models"), new(model.Name, null, disabled: true)];
            _model = model;
        }
        catch (TrackingException e) when (e.ErrorCode is TrackingErrors.NotFound or TrackingErrors.InvalidParameter)
        {
            _model = null;
            return;
        }
        var wanted = _cardVersion != 0 ? _cardVersion : Version;
        var shown = _versions.FirstOrDefault(v => v.Version == wanted) ?? _versions.FirstOrDefault();
        if (shown is not null) await ShowCardAsync(shown.Version);
    }

    private async Task ShowCardAsync(long version)
    {
        _cardVersion = version;
        _card = await Cards.BuildAsync(Name, version);
    }

    private Task ShowCardAsync(ModelVersion version) => ShowCardAsync(version.Version);

    private async Task PromoteAsync(ModelVersion version)
    {
        if (!await Authorization.AllowsAsync(Policies.ModelsWrite))
        {
            Snackbar.Add("Your role may read models but not change them.", Severity.Warning);
            return;
        }
        var parameters = new DialogParameters<PromoteDialog> { { d => d.Version, version } };
        var dialog = await Dialogs.ShowAsync<PromoteDialog>($"Promote {version.Name} {RegistryView.Version(version.Version)}", parameters, PromoteDialog.Options);
        if (await dialog.Result is { Canceled: false, Data: string message })
        {
            Snackbar.Add(message, Severity.Success);
            await ReloadAsync();
        }
    }
}
