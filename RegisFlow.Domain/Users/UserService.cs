using Microsoft.EntityFrameworkCore;
using RegisFlow.Domain.Audit;
using RegisFlow.Domain.Data;
using RegisFlow.Domain.Validation;

namespace RegisFlow.Domain.Users;

/// <summary>Users administration (Admin only), and each user's own password change.</summary>
public sealed class UserService(IDbContextFactory<RegisFlowDbContext> factory, SessionService sessions, TimeProvider clock)
{
    private const string LastAdminMessage = "Il doit rester au moins un administrateur actif : ce compte ne peut pas être rétrogradé, désactivé ni supprimé.";

    public async Task<PagedResult<UserSummary>> ListAsync(Caller caller, UserQuery query, CancellationToken ct = default)
    {
        caller.Demand(Permission.ManageUsers);
        if (TypedText.Problem(query.Search) is { } problem)
        {
            throw new InvalidInputException(nameof(UserQuery.Search), problem);
        }
        await using var db = await factory.CreateDbContextAsync(ct);
        var users = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var pattern = "%" + query.Search.Trim().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
            users = users.Where(u => EF.Functions.ILike(u.UserName, pattern) || EF.Functions.ILike(u.FirstName, pattern)
                || EF.Functions.ILike(u.LastName, pattern) || EF.Functions.ILike(u.FirstName + " " + u.LastName, pattern)
                || (u.Email != null && EF.Functions.ILike(u.Email, pattern)));
        }
        users = (query.SortBy, query.Descending) switch
        {
            (nameof(UserSummary.LastName), false) => users.OrderBy(u => u.LastName).ThenBy(u => u.FirstName),
            (nameof(UserSummary.LastName), true) => users.OrderByDescending(u => u.LastName).ThenByDescending(u => u.FirstName),
            (nameof(UserSummary.FirstName), false) => users.OrderBy(u => u.FirstName).ThenBy(u => u.LastName),
            (nameof(UserSummary.FirstName), true) => users.OrderByDescending(u => u.FirstName).ThenByDescending(u => u.LastName),
            (nameof(UserSummary.Role), false) => users.OrderBy(u => u.Role),
            (nameof(UserSummary.Role), true) => users.OrderByDescending(u => u.Role),
            (nameof(UserSummary.StoreName), false) => users.OrderBy(u => u.Store!.Name),
            (nameof(UserSummary.StoreName), true) => users.OrderByDescending(u => u.Store!.Name),
            (_, true) => users.OrderByDescending(u => u.NormalizedUserName),
            _ => users.OrderBy(u => u.NormalizedUserName),
        };
        var total = await users.CountAsync(ct);
        var pageSize = Math.Clamp(query.PageSize, 1, 200);
        var items = await users.Skip(Math.Max(query.Page, 0) * pageSize).Take(pageSize)
            .Select(u => new UserSummary(u.Id, u.UserName, u.FirstName, u.LastName, u.Email, u.Role, u.StoreId,
                u.Store == null ? null : u.Store.Name, u.IsActive, u.MustChangePassword, u.LastLoginAt))
            .ToListAsync(ct);
        return new PagedResult<UserSummary>(items, total);
    }

    public async Task<UserInput> GetForEditAsync(Caller caller, int userId, CancellationToken ct = default)
    {
        caller.Demand(Permission.ManageUsers);
        await using var db = await factory.CreateDbContextAsync(ct);
        var user = await FindAsync(db, userId, ct);
        return new UserInput
        {
            UserName = user.UserName, FirstName = user.FirstName, LastName = user.LastName, Email = user.Email,
            Role = user.Role, StoreId = user.StoreId, IsActive = user.IsActive,
        };
    }

    /// <summary>Creates an account with a temporary password, to be changed at first login.</summary>
    public async Task<TemporaryPassword> CreateAsync(Caller caller, UserInput input, CancellationToken ct = default)
    {
        caller.Demand(Permission.ManageUsers);
        InvalidInputException.ThrowIfAny(UserInputValidator.Validate(input));
        await using var db = await factory.CreateDbContextAsync(ct);
        var userName = input.UserName.Trim();
        var normalized = User.Normalize(userName);
        if (await db.Users.AnyAsync(u => u.NormalizedUserName == normalized, ct))
        {
            throw new InvalidInputException(nameof(UserInput.UserName), $"L'identifiant « {userName} » est déjà utilisé.");
        }
        await EnsureStoreExistsAsync(db, input, ct);
        var now = clock.GetUtcNow();
        var password = PasswordPolicy.NewTemporaryPassword();
        var user = new User
        {
            UserName = userName,
            NormalizedUserName = normalized,
            FirstName = TypedText.Clean(input.FirstName),
            LastName = TypedText.Clean(input.LastName),
            PasswordHash = "",
            SecurityStamp = PasswordHashing.NewSecurityStamp(),
            MustChangePassword = true,
            CreatedAt = now,
        };
        Apply(user, input, now);
        user.PasswordHash = PasswordHashing.Hash(user, password);
        db.Users.Add(user);
        // The account and its audit row are saved together or not at all (the row needs the new account's id).
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            throw new InvalidInputException(nameof(UserInput.UserName), $"L'identifiant « {userName} » est déjà utilisé.");
        }
        db.AuditEvents.Add(AuditLog.For(caller, AuditActions.UserCreated, now, Describe(user), "user", Id(user), user.StoreId));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new TemporaryPassword(user.Id, user.UserName, password);
    }

    /// <summary>Changes first and last name, e-mail, role, store and active flag; the sessions of the user end when role, store or active flag change.</summary>
    public async Task UpdateAsync(Caller caller, int userId, UserInput input, CancellationToken ct = default)
    {
        caller.Demand(Permission.ManageUsers);
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var user = await FindAsync(db, userId, ct);
        InvalidInputException.ThrowIfAny(UserInputValidator.Validate(input, isNew: false));
        await EnsureStoreExistsAsync(db, input, ct);
        var losesAdmin = user.Role == UserRole.Admin && user.IsActive && (input.Role != UserRole.Admin || !input.IsActive);
        if (losesAdmin && user.Id == caller.UserId)
        {
            throw new InvalidInputException("", "Vous ne pouvez ni retirer vos propres droits d'administrateur ni désactiver votre propre compte.");
        }
        if (losesAdmin)
        {
            await EnsureAnotherActiveAdminAsync(db, user.Id, ct);
        }
        var before = Describe(user);
        var securityChanged = user.Role != input.Role || user.StoreId != StoreOf(input) || user.IsActive != input.IsActive;
        var now = clock.GetUtcNow();
        Apply(user, input, now);
        if (securityChanged)
        {
            user.SecurityStamp = PasswordHashing.NewSecurityStamp();
            await SessionService.EndAllAsync(db, user.Id, SessionEndReason.AccountChanged, now, ct);
        }
        db.AuditEvents.Add(AuditLog.For(caller, AuditActions.UserUpdated, now, new { before, after = Describe(user) }, "user", Id(user), user.StoreId));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        sessions.Forget(user.Id);
    }

    /// <summary>Sets a new temporary password (shown once) that must be changed at the next login; ends the user's sessions.</summary>
    public async Task<TemporaryPassword> ResetPasswordAsync(Caller caller, int userId, CancellationToken ct = default)
    {
        caller.Demand(Permission.ManageUsers);
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var user = await FindAsync(db, userId, ct);
        var password = PasswordPolicy.NewTemporaryPassword();
        var now = clock.GetUtcNow();
        user.PasswordHash = PasswordHashing.Hash(user, password);
        user.MustChangePassword = true;
        user.SecurityStamp = PasswordHashing.NewSecurityStamp();
        user.UpdatedAt = now;
        await SessionService.EndAllAsync(db, user.Id, SessionEndReason.PasswordChanged, now, ct);
        db.AuditEvents.Add(AuditLog.For(caller, AuditActions.UserPasswordReset, now, new { userName = user.UserName }, "user", Id(user), user.StoreId));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        sessions.Forget(user.Id);
        return new TemporaryPassword(user.Id, user.UserName, password);
    }

    public async Task DeleteAsync(Caller caller, int userId, CancellationToken ct = default)
    {
        caller.Demand(Permission.ManageUsers);
        if (userId == caller.UserId)
        {
            throw new InvalidInputException("", "Vous ne pouvez pas supprimer votre propre compte.");
        }
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var user = await FindAsync(db, userId, ct);
        if (user is { Role: UserRole.Admin, IsActive: true })
        {
            await EnsureAnotherActiveAdminAsync(db, user.Id, ct);
        }
        db.Users.Remove(user);
        await SessionService.EndAllAsync(db, user.Id, SessionEndReason.AccountChanged, clock.GetUtcNow(), ct);
        db.AuditEvents.Add(AuditLog.For(caller, AuditActions.UserDeleted, clock.GetUtcNow(), Describe(user), "user", Id(user), user.StoreId));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        sessions.Forget(user.Id);
    }

    /// <summary>
    /// The signed-in user changes their own password: every session of theirs ends (other tablets too), and a new one
    /// is returned to sign this browser in again.
    /// </summary>
    public async Task<SignedIn> ChangePasswordAsync(Caller caller, string currentPassword, string newPassword, string confirmation, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == caller.UserId && u.IsActive, ct)
            ?? throw new AccessDeniedException("Votre compte n'est plus actif.");
        var errors = new List<InputError>();
        if (string.IsNullOrEmpty(currentPassword) || !PasswordHashing.Verify(user, currentPassword))
        {
            errors.Add(new(nameof(ChangePasswordInput.CurrentPassword), "Le mot de passe actuel est incorrect."));
        }
        errors.AddRange(ChangePasswordInput.Check(newPassword, confirmation, currentPassword));
        InvalidInputException.ThrowIfAny(errors);
        var now = clock.GetUtcNow();
        user.PasswordHash = PasswordHashing.Hash(user, newPassword);
        user.MustChangePassword = false;
        user.SecurityStamp = PasswordHashing.NewSecurityStamp();
        user.UpdatedAt = now;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await SessionService.EndAllAsync(db, user.Id, SessionEndReason.PasswordChanged, now, ct);
        var sessionKey = SessionService.Add(db, user.Id, caller.ClientAddress, now);
        db.AuditEvents.Add(AuditLog.For(caller, AuditActions.PasswordChanged, now, new { userName = user.UserName }, "user", Id(user), user.StoreId));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        sessions.Forget(user.Id);
        return new SignedIn(user, sessionKey);
    }

    /// <summary>User names of the active administrators whose password is still the one set at installation.</summary>
    public async Task<IReadOnlyList<string>> AdminsWithDefaultPasswordAsync(Caller caller, CancellationToken ct = default)
    {
        caller.Demand(Permission.ViewAdministration);
        await using var db = await factory.CreateDbContextAsync(ct);
        // Any password chosen by a user is 12+ characters and a reset one is random, so only an admin who has not yet
        // changed the installation password can still have it: no need to run the (slow) hash check for the others.
        var admins = await db.Users.AsNoTracking()
            .Where(u => u.Role == UserRole.Admin && u.IsActive && u.MustChangePassword).ToListAsync(ct);
        return admins.Where(a => PasswordHashing.Verify(a, DatabaseInitializer.DefaultAdminPassword)).Select(a => a.UserName).ToList();
    }

    private static async Task<User> FindAsync(RegisFlowDbContext db, int userId, CancellationToken ct) =>
        await db.Users.SingleOrDefaultAsync(u => u.Id == userId, ct)
        ?? throw new InvalidInputException("", "Cet utilisateur n'existe plus.");

    private static async Task EnsureStoreExistsAsync(RegisFlowDbContext db, UserInput input, CancellationToken ct)
    {
        if (StoreOf(input) is { } storeId && !await db.Stores.AnyAsync(s => s.Id == storeId, ct))
        {
            throw new InvalidInputException(nameof(UserInput.StoreId), "Ce magasin n'existe plus.");
        }
    }

    // Locks the active admins' rows so that two admins removing each other at the same time cannot both succeed.
    private static async Task EnsureAnotherActiveAdminAsync(RegisFlowDbContext db, int userId, CancellationToken ct)
    {
        var admins = await db.Users
            .FromSql($"SELECT * FROM users WHERE role = 'Admin' AND is_active FOR UPDATE")
            .Select(u => u.Id).ToListAsync(ct);
        if (!admins.Any(id => id != userId))
        {
            throw new InvalidInputException("", LastAdminMessage);
        }
    }

    private static int? StoreOf(UserInput input) => input.Role == UserRole.Admin ? null : input.StoreId;

    private static void Apply(User user, UserInput input, DateTimeOffset now)
    {
        user.FirstName = TypedText.Clean(input.FirstName);
        user.LastName = TypedText.Clean(input.LastName);
        user.Email = string.IsNullOrWhiteSpace(input.Email) ? null : input.Email.Trim();
        user.Role = input.Role;
        user.StoreId = StoreOf(input);
        user.IsActive = input.IsActive;
        user.UpdatedAt = now;
    }

    private static object Describe(User user) => new
    {
        userName = user.UserName, firstName = user.FirstName, lastName = user.LastName, email = user.Email,
        role = user.Role.ToString(), storeId = user.StoreId, isActive = user.IsActive,
    };

    private static string Id(User user) => user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>A user just signed in, with the key of their new session (for the cookie).</summary>
public sealed record SignedIn(User User, string SessionKey);
