using Microsoft.EntityFrameworkCore;
using RegisFlow.Domain.Audit;
using RegisFlow.Domain.Data;

namespace RegisFlow.Domain.Users;

/// <summary>
/// A new temporary password for an account, given from the server's command line for the day the only administrator
/// has lost theirs. No caller is checked: whoever runs commands on the server with the app's settings can read the
/// database anyway. The journal records it as done from the command line.
/// </summary>
public sealed class AccountRecovery(IDbContextFactory<RegisFlowDbContext> factory, SessionService sessions, TimeProvider clock)
{
    public async Task<TemporaryPassword> ResetPasswordAsync(string userName, CancellationToken ct = default)
    {
        var normalized = User.Normalize(userName);
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var user = await db.Users.SingleOrDefaultAsync(u => u.NormalizedUserName == normalized, ct)
            ?? throw new InvalidInputException(nameof(userName), $"Aucun compte « {userName.Trim()} ».");
        var password = PasswordPolicy.NewTemporaryPassword();
        var now = clock.GetUtcNow();
        user.PasswordHash = PasswordHashing.Hash(user, password);
        user.MustChangePassword = true;
        user.SecurityStamp = PasswordHashing.NewSecurityStamp();
        user.UpdatedAt = now;
        await SessionService.EndAllAsync(db, user.Id, SessionEndReason.PasswordChanged, now, ct);
        db.AuditEvents.Add(AuditLog.For(null, AuditActions.UserPasswordReset, now,
            new { userName = user.UserName, from = "ligne de commande" }, "user", user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), user.StoreId));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        sessions.Forget(user.Id);
        return new TemporaryPassword(user.Id, user.UserName, password);
    }
}
