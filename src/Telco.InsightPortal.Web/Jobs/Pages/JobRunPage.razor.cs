using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using Telco.InsightPortal.Core.Errors;
using Telco.InsightPortal.Core.Jobs;
using Telco.InsightPortal.Data.Jobs;
using Telco.InsightPortal.Web.Audit;
using Telco.InsightPortal.Web.Security;

namespace Telco.InsightPortal.Web.Jobs.Pages;

/// <summary>One run: its status, step timeline and each step's log and outputs, followed live (every second) until it
/// ends; a jobs:write user can cancel it.</summary>
public sealed partial class JobRunPage : IDisposable
{
    private readonly CancellationTokenSource _closed = new();
    private List<BreadcrumbItem> _crumbs = [];
    private JobRunRecord? _run;
    private IReadOnlyList<JobStepRecord> _steps = [];
    private bool _canWrite;
    private bool _missing;

    [Inject] private JobService Jobs { get; set; } = default!;
    [Inject] private IAuthorizationService Authorization { get; set; } = default!;
    [Inject] private IAuditActorAccessor Actor { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState> Auth { get; set; } = default!;
    [Parameter] public string Name { get; set; } = "";
    [Parameter] public long Id { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        _crumbs = [new("Jobs", "/jobs"), new(Name, $"/jobs/{Uri.EscapeDataString(Name)}"), new($"Run #{Id}", null, disabled: true)];
        _canWrite = (await Authorization.AuthorizeAsync((await Auth).User, Policies.JobsWrite)).Succeeded;
        if (!await LoadAsync()) return;
        _ = FollowAsync();
    }

    private async Task<bool> LoadAsync(CancellationToken ct = default)
    {
        try
        {
            (_run, _steps) = await Jobs.RunOfAsync(Name, Id, ct);
            return true;
        }
        catch (PortalException e) when (e.Kind == ErrorKind.NotFound)
        {
            _missing = true;
            return false;
        }
    }

    private async Task FollowAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (_run is not null && !JobRunStatus.IsFinished(_run.Status) && await timer.WaitForNextTickAsync(_closed.Token))
            {
                await LoadAsync(_closed.Token);
                await InvokeAsync(StateHasChanged);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task CancelAsync()
    {
        try
        {
            await Jobs.CancelAsync(Name, Id, await Actor.GetCurrentAsync());
            Snackbar.Add("Cancellation requested.", Severity.Info);
            await LoadAsync();
        }
        catch (PortalException e)
        {
            Snackbar.Add(e.Message, Severity.Warning);
        }
    }

    public void Dispose()
    {
        _closed.Cancel();
        _closed.Dispose();
    }
}
