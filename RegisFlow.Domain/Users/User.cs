using RegisFlow.Domain.Stores;

namespace RegisFlow.Domain.Users;

public class User
{
    public int Id { get; set; }

    /// <summary>Login name as typed at creation; uniqueness is checked on <see cref="NormalizedUserName"/>.</summary>
    public required string UserName { get; set; }
    public required string NormalizedUserName { get; set; }
    public required string FirstName { get; set; }
    public required string LastName { get; set; }

    /// <summary>« Prénom Nom », as shown in the app bar, the audit rows and on the sales (not mapped: query the two columns).</summary>
    public string DisplayName => FullName(FirstName, LastName);
    public string? Email { get; set; }
    public UserRole Role { get; set; }

    /// <summary>Null only for administrators, who work across every store.</summary>
    public int? StoreId { get; set; }
    public Store? Store { get; set; }

    public bool IsActive { get; set; } = true;
    public required string PasswordHash { get; set; }
    public bool MustChangePassword { get; set; }

    /// <summary>Changes whenever the password, role, store or active flag changes, so open sessions can be invalidated.</summary>
    public required string SecurityStamp { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? LastLoginAt { get; set; }

    public static string Normalize(string userName) => userName.Trim().ToUpperInvariant();

    public static string FullName(string firstName, string lastName) => $"{firstName} {lastName}".Trim();
}
