using System.Globalization;
using System.Security.Claims;
using RegisFlow.Domain.Users;

namespace RegisFlow.Web.Features.Account;

/// <summary>How a signed-in user is written into, and read back from, the authentication cookie.</summary>
public static class CallerClaims
{
    public const string DisplayName = "regisflow:display_name";
    public const string StoreId = "regisflow:store_id";
    public const string SecurityStamp = "regisflow:security_stamp";
    public const string MustChangePassword = "regisflow:must_change_password";

    /// <summary>The key of the server-side session (see <see cref="SessionService"/>); the cookie is encrypted, so it stays secret.</summary>
    public const string SessionKey = "regisflow:session";

    public static ClaimsPrincipal ToPrincipal(User user, string authenticationType, string? sessionKey = null)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, user.Id.ToString(CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, user.UserName),
            new(DisplayName, user.DisplayName),
            new(ClaimTypes.Role, user.Role.ToString()),
            new(SecurityStamp, user.SecurityStamp),
        };
        if (user.StoreId is { } storeId)
        {
            claims.Add(new Claim(StoreId, storeId.ToString(CultureInfo.InvariantCulture)));
        }
        if (sessionKey is not null)
        {
            claims.Add(new Claim(SessionKey, sessionKey));
        }
        if (user.MustChangePassword)
        {
            claims.Add(new Claim(MustChangePassword, "true"));
        }
        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType, ClaimTypes.Name, ClaimTypes.Role));
    }

    /// <summary>The caller behind a principal, or null when not signed in.</summary>
    public static Caller? ToCaller(ClaimsPrincipal principal, string? clientAddress = null)
    {
        if (principal.Identity?.IsAuthenticated != true
            || !int.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), CultureInfo.InvariantCulture, out var userId)
            || !Enum.TryParse<UserRole>(principal.FindFirstValue(ClaimTypes.Role), out var role))
        {
            return null;
        }
        int? storeId = int.TryParse(principal.FindFirstValue(StoreId), CultureInfo.InvariantCulture, out var s) ? s : null;
        return new Caller(userId, principal.Identity.Name ?? "", principal.FindFirstValue(DisplayName) ?? "", role, storeId, clientAddress);
    }
}
