namespace RegisFlow.Web.Features.Account;

/// <summary>The login form, bound from the posted form.</summary>
public sealed class LoginInput
{
    public string? UserName { get; set; }
    public string? Password { get; set; }
}
