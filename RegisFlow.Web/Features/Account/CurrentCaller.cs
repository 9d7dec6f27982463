using Microsoft.AspNetCore.Components.Authorization;
using RegisFlow.Domain.Users;

namespace RegisFlow.Web.Features.Account;

/// <summary>
/// The signed-in user of this circuit, as the <see cref="Caller"/> every domain service takes.
/// Read from the authentication state (never from HttpContext, which a circuit does not have).
/// </summary>
public sealed class CurrentCaller(AuthenticationStateProvider authentication)
{
    /// <summary>The browser's address, handed over by the root component from the request that opened the circuit.</summary>
    public string? ClientAddress { get; set; }

    public async Task<Caller> GetAsync()
    {
        var state = await authentication.GetAuthenticationStateAsync();
        return CallerClaims.ToCaller(state.User, ClientAddress) ?? throw new AccessDeniedException("Veuillez vous connecter.");
    }
}
