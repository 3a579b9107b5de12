using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using Telco.InsightPortal.Data.Security;
using Telco.InsightPortal.Web.Audit;

namespace Telco.InsightPortal.Web.Security.Pages;

/// <summary>The signed-in user's own tokens: issue one (its secret shown once, in the dialog) and revoke them.</summary>
public sealed partial class MyTokensPage
{
    [Inject] private UserStore Users { get; set; } = default!;
    [Inject] private TokenStore Tokens { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private IAuditActorAccessor Actor { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;
    [Inject] private AuthenticationStateProvider Authentication { get; set; } = default!;
    [Inject] private Microsoft.AspNetCore.Authorization.IAuthorizationService Authorization { get; set; } = default!;

    private IReadOnlyList<Components.Layout.AreaAccess> _areas = [];

    private UserRecord? _account;
    private IReadOnlyList<AccessTokenRecord> _tokens = [];
    private bool _loading = true;
    private string? _error;

    protected override async Task OnInitializedAsync()
    {
        var me = (await Authentication.GetAuthenticationStateAsync()).User;
        _areas = await Components.Layout.AreaAccess.ForAsync(Authorization, me);
        _account = me.UserId() is { } id ? await Users.GetAsync(id) : null;
        await LoadAsync();
        _loading = false;
    }

    private async Task LoadAsync()
    {
        if (_account is not null) _tokens = await Tokens.ListAsync(_account.Id);
    }

    private async Task NewTokenAsync()
    {
        var parameters = new DialogParameters<NewTokenDialog> { { d => d.Owner, _account! } };
        var dialog = await Dialogs.ShowAsync<NewTokenDialog>("New access token", parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, BackdropClick = false });
        await dialog.Result;
        // Reload even when cancelled: a token may have been issued before the dialog was dismissed.
        await LoadAsync();
    }

    private async Task RevokeAsync(AccessTokenRecord token)
    {
        // Read again by id: the row the circuit holds is not proof that the token is still the user's own.
        var current = await Tokens.GetAsync(token.Id);
        if (current is null || current.UserId != _account?.Id)
        {
            _error = "That token is not one of yours.";
            return;
        }
        _error = null;
        if (await Tokens.RevokeAsync(current, await Actor.GetCurrentAsync())) Snackbar.Add($"Revoked “{current.Name}”.", Severity.Success);
        await LoadAsync();
    }
}
