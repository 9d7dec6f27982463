namespace RegisFlow.Domain.Users;

public enum UserRole
{
    Admin,
    Manager,
    Employee,
}

public static class UserRoleLabels
{
    public static string Label(this UserRole role) => role switch
    {
        UserRole.Admin => "Administrateur",
        UserRole.Manager => "Responsable",
        UserRole.Employee => "Employé",
        _ => role.ToString(),
    };
}
