using Microsoft.AspNetCore.Components.Authorization;
using RegisFlow.Domain.Users;

namespace RegisFlow.Web.Features.Account;

/// <summary>
/// The signed-in user of this circuit, as the <see cref="Caller"/> every domain service takes.
/// Read from the authentication state (never from HttpContext, which a circuit does not have).
/// </summary>
public sealed class CurrentCaller(AuthenticationStateProvider authentication)
{
    public async Task<Caller> GetAsync()
    {
        var state = await authentication.GetAuthenticationStateAsync();
        return CallerClaims.ToCaller(state.User) ?? throw new AccessDeniedException("Veuillez vous connecter.");
    }
}
