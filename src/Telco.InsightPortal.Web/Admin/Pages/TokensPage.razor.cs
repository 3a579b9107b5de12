using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Telco.InsightPortal.Data.Security;
using Telco.InsightPortal.Web.Audit;
using Telco.InsightPortal.Web.Security;

namespace Telco.InsightPortal.Web.Admin.Pages;

/// <summary>All tokens, for admins to see and (with write access) revoke.</summary>
public sealed partial class TokensPage
{
    [Inject] private TokenStore Tokens { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private IAuditActorAccessor Actor { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;
    [Inject] private IAuthorizationService Authorization { get; set; } = default!;
    [Inject] private AuthenticationStateProvider Authentication { get; set; } = default!;

    private IReadOnlyList<AccessTokenRecord>? _tokens;
    private string? _error;

    protected override async Task OnInitializedAsync() => _tokens = await Tokens.ListAsync(null);

    private async Task RevokeAsync(AccessTokenRecord token)
    {
        // The revoke button is shown to AdminWrite only; the circuit could still call this, so check again.
        var me = (await Authentication.GetAuthenticationStateAsync()).User;
        if (!(await Authorization.AuthorizeAsync(me, Policies.AdminWrite)).Succeeded)
        {
            _error = UserAdministration.ReadOnly;
            return;
        }
        _error = null;
        if (await Tokens.RevokeAsync(token, await Actor.GetCurrentAsync())) Snackbar.Add($"Revoked “{token.Name}” of {token.Username}.", Severity.Success);
        _tokens = await Tokens.ListAsync(null);
    }
}
