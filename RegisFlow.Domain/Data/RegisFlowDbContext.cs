using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using RegisFlow.Domain.Alerts;
using RegisFlow.Domain.Audit;
using RegisFlow.Domain.Backups;
using RegisFlow.Domain.Integrity;
using RegisFlow.Domain.Photos;
using RegisFlow.Domain.Sales;
using RegisFlow.Domain.Stores;
using RegisFlow.Domain.Suspicious;
using RegisFlow.Domain.Users;

namespace RegisFlow.Domain.Data;

public class RegisFlowDbContext(DbContextOptions<RegisFlowDbContext> options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<Store> Stores => Set<Store>();
    public DbSet<User> Users => Set<User>();
    public DbSet<LoginAttempt> LoginAttempts => Set<LoginAttempt>();
    public DbSet<UserSession> UserSessions => Set<UserSession>();
    public DbSet<Sale> Sales => Set<Sale>();
    public DbSet<SaleLine> SaleLines => Set<SaleLine>();
    public DbSet<SalePhoto> SalePhotos => Set<SalePhoto>();
    public DbSet<SaleHourCount> SaleHourCounts => Set<SaleHourCount>();
    public DbSet<Catalogue.CatalogueArticle> CatalogueArticles => Set<Catalogue.CatalogueArticle>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<Alert> Alerts => Set<Alert>();
    public DbSet<BackupProof> BackupProofs => Set<BackupProof>();
    public DbSet<ChainHead> ChainHeads => Set<ChainHead>();
    public DbSet<SaleTombstone> SaleTombstones => Set<SaleTombstone>();
    public DbSet<SuspiciousAttempt> SuspiciousAttempts => Set<SuspiciousAttempt>();

    /// <summary>Cookie and antiforgery keys shared by every app instance on the same database.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasPostgresExtension("pg_trgm");
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(RegisFlowDbContext).Assembly);
    }
}
