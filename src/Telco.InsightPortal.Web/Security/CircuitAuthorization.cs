using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;

namespace Telco.InsightPortal.Web.Security;

/// <summary>Checks a policy for the user of the current circuit. Components hide what a role may not do,
/// and every handler that changes something asks again here: hidden is not the same as forbidden.</summary>
public sealed class CircuitAuthorization(AuthenticationStateProvider authentication, IAuthorizationService authorization)
{
    public async Task<bool> AllowsAsync(string policy)
    {
        var user = (await authentication.GetAuthenticationStateAsync()).User;
        return (await authorization.AuthorizeAsync(user, null, policy)).Succeeded;
    }
}
