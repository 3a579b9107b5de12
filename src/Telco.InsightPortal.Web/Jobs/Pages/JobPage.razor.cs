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

/// <summary>One job: its schedule, dependencies and steps, its runs newest first (refreshed while one is active),
/// and — for jobs:write — run now (with overrides), edit and delete.</summary>
public sealed partial class JobPage : IDisposable
{
    private const int PageSize = 25;
    private List<BreadcrumbItem> _crumbs = [];
    private readonly CancellationTokenSource _closed = new();
    private JobRecord? _record;
    private JobDefinition? _job;
    private DateTimeOffset? _next;
    private IReadOnlyList<string> _dependents = [];
    private List<JobRunRecord> _runs = [];
    private bool _hasOlder;
    private bool _canWrite;
    private bool _missing;

    [Inject] private JobService Jobs { get; set; } = default!;
    [Inject] private IAuthorizationService Authorization { get; set; } = default!;
    [Inject] private IAuditActorAccessor Actor { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState> Auth { get; set; } = default!;
    [Parameter] public string Name { get; set; } = "";

    protected override async Task OnParametersSetAsync()
    {
        _crumbs = [new("Jobs", "/jobs"), new(Name, null, disabled: true)];
        _canWrite = (await Authorization.AuthorizeAsync((await Auth).User, Policies.JobsWrite)).Succeeded;
        await LoadAsync();
        _ = RefreshWhileActiveAsync();
    }

    private async Task LoadAsync()
    {
        try
        {
            (_record, _job) = await Jobs.GetAsync(Name);
        }
        catch (PortalException e) when (e.Kind == ErrorKind.NotFound)
        {
            _missing = true;
            return;
        }
        _next = await Jobs.NextFireAsync(Name);
        _dependents = [.. (await Jobs.DependentsAsync(Name)).Select(d => d.Record.Name)];
        var runs = await Jobs.RunsAsync(Name, PageSize + 1, null);
        _hasOlder = runs.Count > PageSize;
        _runs = runs.Take(PageSize).ToList();
    }

    /// <summary>While a run is queued or running, the table follows it (every 2 s) without a reload.</summary>
    private async Task RefreshWhileActiveAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(2));
        try
        {
            while (await timer.WaitForNextTickAsync(_closed.Token))
            {
                if (!_runs.Any(r => !JobRunStatus.IsFinished(r.Status))) continue;
                var fresh = await Jobs.RunsAsync(Name, _runs.Count, null, _closed.Token);
                _runs = fresh.ToList();
                await InvokeAsync(StateHasChanged);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task OlderAsync()
    {
        var older = await Jobs.RunsAsync(Name, PageSize + 1, _runs[^1].Id);
        _hasOlder = older.Count > PageSize;
        _runs.AddRange(older.Take(PageSize));
    }

    private async Task RunAsync()
    {
        var dialog = await Dialogs.ShowAsync<RunJobDialog>($"Run {Name}", new DialogParameters<RunJobDialog> { { d => d.Job, _job } },
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if (await dialog.Result is not { Canceled: false, Data: long runId }) return;
        Navigation.NavigateTo($"/jobs/{Uri.EscapeDataString(Name)}/runs/{runId}");
    }

    private async Task EditAsync()
    {
        var dialog = await Dialogs.ShowAsync<JobEditorDialog>($"Edit {Name}", new DialogParameters<JobEditorDialog> { { d => d.Existing, _record } },
            new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true });
        if (await dialog.Result is not { Canceled: false }) return;
        Snackbar.Add($"Saved {Name}.", Severity.Success);
        await LoadAsync();
    }

    private async Task DeleteAsync()
    {
        if (await Dialogs.ShowMessageBoxAsync("Delete job", $"Delete '{Name}'? Its schedule stops and its queued runs are cancelled; past runs stay.",
                yesText: "Delete", cancelText: "Keep") != true) return;
        try
        {
            await Jobs.DeleteAsync(Name, await Actor.GetCurrentAsync());
            Navigation.NavigateTo("/jobs");
        }
        catch (PortalException e)
        {
            Snackbar.Add(e.Message, Severity.Error);
        }
    }

    public void Dispose()
    {
        _closed.Cancel();
        _closed.Dispose();
    }
}
