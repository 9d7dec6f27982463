namespace RegisFlow.Domain.Users;

/// <summary>What the users administration form edits. The user name is set at creation and not changed afterwards.</summary>
public sealed class UserInput
{
    public string UserName { get; set; } = "";
    public string FirstName { get; set; } = "";
    public string LastName { get; set; } = "";
    public string? Email { get; set; }
    public UserRole Role { get; set; } = UserRole.Employee;
    public int? StoreId { get; set; }
    public bool IsActive { get; set; } = true;
}

/// <summary>A row of the users list.</summary>
public sealed record UserSummary(int Id, string UserName, string FirstName, string LastName, string? Email, UserRole Role,
    int? StoreId, string? StoreName, bool IsActive, bool MustChangePassword, DateTimeOffset? LastLoginAt)
{
    public string DisplayName => User.FullName(FirstName, LastName);
}

/// <summary>Paging, sorting and search of the users list.</summary>
public sealed record UserQuery(int Page = 0, int PageSize = 25, string? Search = null, string? SortBy = null, bool Descending = false);

/// <summary>A created or reset account: the temporary password is shown once to the administrator, never stored in clear.</summary>
public sealed record TemporaryPassword(int UserId, string UserName, string Password);
