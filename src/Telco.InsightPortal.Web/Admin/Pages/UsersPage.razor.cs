using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Telco.InsightPortal.Data.Security;

namespace Telco.InsightPortal.Web.Admin.Pages;

/// <summary>Local accounts: everyone with admin read sees them; changes go through <see cref="UserAdministration"/>.</summary>
public sealed partial class UsersPage
{
    public static readonly DialogOptions DialogOptions = new() { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true };

    [Inject] private UserStore Users { get; set; } = default!;
    [Inject] private UserAdministration Admin { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;
    [Inject] private AuthenticationStateProvider Authentication { get; set; } = default!;

    private IReadOnlyList<UserRecord>? _users;
    private ClaimsPrincipal _me = new();
    private string _search = "";
    private string? _error;

    protected override async Task OnInitializedAsync()
    {
        _me = (await Authentication.GetAuthenticationStateAsync()).User;
        await LoadAsync();
    }

    private async Task LoadAsync() => _users = await Users.ListAsync();

    private string Status(UserRecord user) => UserStatus.Describe(user, Clock.GetUtcNow());

    private bool IsSelf(UserRecord user) => UserAdministration.IsSelf(_me, user);

    private bool Matches(UserRecord user) => string.IsNullOrWhiteSpace(_search)
        || user.Username.Contains(_search.Trim(), StringComparison.OrdinalIgnoreCase)
        || user.DisplayName.Contains(_search.Trim(), StringComparison.OrdinalIgnoreCase)
        || user.Roles.Any(r => r.Contains(_search.Trim(), StringComparison.OrdinalIgnoreCase));

    private async Task NewUserAsync()
    {
        var dialog = await Dialogs.ShowAsync<NewUserDialog>("New user", DialogOptions);
        if (await dialog.Result is { Canceled: false, Data: string username })
        {
            Snackbar.Add($"Created {username}; they must change the password at first sign-in.", Severity.Success);
            await LoadAsync();
        }
    }

    private async Task EditRolesAsync(UserRecord user)
    {
        var parameters = new DialogParameters<RolesDialog> { { d => d.User, user }, { d => d.IsSelf, IsSelf(user) } };
        var dialog = await Dialogs.ShowAsync<RolesDialog>($"Roles of {user.Username}", parameters, DialogOptions);
        if (await dialog.Result is { Canceled: false }) await LoadAsync();
    }

    private async Task ResetPasswordAsync(UserRecord user)
    {
        var parameters = new DialogParameters<ResetPasswordDialog> { { d => d.User, user } };
        var dialog = await Dialogs.ShowAsync<ResetPasswordDialog>($"Reset the password of {user.Username}", parameters, DialogOptions);
        if (await dialog.Result is { Canceled: false }) await LoadAsync();
    }

    private Task ToggleDisabledAsync(UserRecord user) =>
        ApplyAsync(Admin.SetDisabledAsync(user, !user.Disabled), $"{(user.Disabled ? "Enabled" : "Disabled")} {user.Username}.");

    private Task UnlockAsync(UserRecord user) => ApplyAsync(Admin.UnlockAsync(user), $"Unlocked {user.Username}.");

    private async Task ApplyAsync(Task<string?> change, string done)
    {
        _error = await change;
        if (_error is null) Snackbar.Add(done, Severity.Success);
        await LoadAsync();
    }
}
