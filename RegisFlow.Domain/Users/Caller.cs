namespace RegisFlow.Domain.Users;

/// <summary>
/// Who is calling a domain service. Every service method that reads or writes register data takes one,
/// and scopes what it does by <see cref="Role"/> and <see cref="StoreId"/>.
/// </summary>
public sealed record Caller(int UserId, string UserName, string DisplayName, UserRole Role, int? StoreId, string? ClientAddress = null)
{
    public bool IsAdmin => Role == UserRole.Admin;
}
