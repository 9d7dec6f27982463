using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RegisFlow.Domain.Users;

namespace RegisFlow.Domain.Data.Configurations;

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> user)
    {
        user.Property(u => u.UserName).HasMaxLength(100);
        user.Property(u => u.NormalizedUserName).HasMaxLength(100);
        user.Property(u => u.FirstName).HasMaxLength(100);
        user.Property(u => u.LastName).HasMaxLength(100);
        user.Property(u => u.Email).HasMaxLength(200);
        user.Property(u => u.Role).HasConversion<string>().HasMaxLength(20);
        user.Property(u => u.PasswordHash).HasMaxLength(500);
        user.Property(u => u.SecurityStamp).HasMaxLength(100).IsConcurrencyToken();
        user.HasIndex(u => u.NormalizedUserName).IsUnique();
        user.HasOne(u => u.Store).WithMany().HasForeignKey(u => u.StoreId).OnDelete(DeleteBehavior.Restrict);
        user.ToTable(t =>
        {
            t.HasCheckConstraint("ck_users_role", "role IN ('Admin', 'Manager', 'Employee')");
            t.HasCheckConstraint("ck_users_store_required", "role = 'Admin' OR store_id IS NOT NULL");
            t.HasCheckConstraint("ck_users_user_name_not_blank", "btrim(user_name) <> ''");
            t.HasCheckConstraint("ck_users_names_not_blank", "btrim(first_name) <> '' AND btrim(last_name) <> ''");
        });
    }
}

internal sealed class LoginAttemptConfiguration : IEntityTypeConfiguration<LoginAttempt>
{
    public void Configure(EntityTypeBuilder<LoginAttempt> attempt)
    {
        attempt.Property(a => a.NormalizedUserName).HasMaxLength(100);
        attempt.Property(a => a.ClientAddress).HasMaxLength(64);
        attempt.HasIndex(a => new { a.NormalizedUserName, a.AttemptedAt });
        attempt.HasIndex(a => new { a.ClientAddress, a.AttemptedAt });
    }
}

internal sealed class UserSessionConfiguration : IEntityTypeConfiguration<UserSession>
{
    public void Configure(EntityTypeBuilder<UserSession> session)
    {
        session.Property(s => s.Id).HasMaxLength(64);
        session.Property(s => s.ClientAddress).HasMaxLength(64);
        session.Property(s => s.EndReason).HasConversion<string>().HasMaxLength(30);
        session.HasIndex(s => s.UserId);
    }
}
