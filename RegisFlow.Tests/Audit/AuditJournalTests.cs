using System.Text;
using Microsoft.Extensions.DependencyInjection;
using RegisFlow.Domain.Audit;
using RegisFlow.Domain.Data;
using RegisFlow.Domain.Users;
using RegisFlow.Tests.History;
using RegisFlow.Tests.Infrastructure;
using static RegisFlow.Tests.Backups.RegisterData;

namespace RegisFlow.Tests.Audit;

/// <summary>The journal page's service: an admin reads every row, a manager their store's whatever they ask, filtered and paged on the server.</summary>
public class AuditJournalTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private int _brest;
    private int _quimper;

    private AuditJournalService Journal => fixture.Services.GetRequiredService<AuditJournalService>();

    public async Task InitializeAsync()
    {
        await fixture.ResetAsync();
        await using var db = await fixture.CreateDbContextAsync();
        _brest = (await TestSales.AddStoreAsync(db, "Magasin de Brest")).Id;
        _quimper = (await TestSales.AddStoreAsync(db, "Magasin de Quimper")).Id;
        var now = fixture.Clock.GetUtcNow();
        var gerant = new Caller(10, "gerant.brest", "Gérant Brest", UserRole.Manager, _brest, "10.0.0.10");
        var caisse = new Caller(11, "caisse.quimper", "Caisse Quimper", UserRole.Employee, _quimper, "10.0.0.11");
        for (var day = 0; day < 30; day++)
        {
            Add(db, AuditLog.For(gerant, AuditActions.SaleViewed, now.AddDays(-day), new { saleNumber = 100 + day }, "Sale", $"{100 + day}"));
            Add(db, AuditLog.For(caisse, AuditActions.LoginSucceeded, now.AddDays(-day).AddMinutes(5)));
        }
        Add(db, AuditLog.For(gerant, AuditActions.SaleDeleted, now.AddHours(-1), new { saleNumber = 7, reason = "=HYPERLINK(\"http://x\")" }, "Sale", "7"));
        // What was typed in the user name box of a failed sign-in: anything, a formula included.
        Add(db, AuditLog.For(new Caller(0, "=2+5", "", UserRole.Employee, _brest, "10.0.0.12"), AuditActions.LoginFailed, now.AddMinutes(-30)));
        Add(db, AuditLog.For(Admin, AuditActions.BackupCreated, now.AddHours(-2), new { fileName = "regisflow-20261125-080000.rfbak" }, "backup", "regisflow-20261125-080000.rfbak"));
        await db.SaveChangesAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static void Add(RegisFlowDbContext db, AuditEvent row) => db.AuditEvents.Add(row);

    private Caller Manager(int storeId) => new(20, "responsable", "Responsable", UserRole.Manager, storeId);

    [Fact]
    public async Task An_admin_reads_every_store_and_a_manager_only_theirs_whatever_they_ask()
    {
        var all = await Journal.GetPageAsync(Admin, new AuditQuery(), 0, 200);
        Assert.Contains(all.Items, e => e.StoreName == "Magasin de Quimper");
        Assert.Contains(all.Items, e => e.ActionLabel == "Sauvegarde" && e.StoreName is null);

        var brest = await Journal.GetPageAsync(Manager(_brest), new AuditQuery(), 0, 200);
        Assert.Equal(32, brest.TotalCount);
        Assert.All(brest.Items, e => Assert.Equal("Magasin de Brest", e.StoreName));

        await Assert.ThrowsAsync<AccessDeniedException>(() => Journal.GetPageAsync(Manager(_brest), new AuditQuery(StoreId: _quimper), 0, 50));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Journal.GetPageAsync(Employee(_brest), new AuditQuery(), 0, 50));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Journal.WriteCsvAsync(Manager(_brest), new AuditQuery(StoreId: _quimper), new MemoryStream()));
    }

    [Fact]
    public async Task Filters_by_paris_dates_user_store_and_action_and_pages_newest_first()
    {
        // 25 November 2026, 11:00 in Paris: the last 7 days, 19 to 25 November, hold 7 sale openings in Brest.
        var week = new AuditQuery(From: new DateOnly(2026, 11, 19), To: new DateOnly(2026, 11, 25), StoreId: _brest, Action: AuditActions.SaleViewed);
        var first = await Journal.GetPageAsync(Admin, week, 0, 5);
        var second = await Journal.GetPageAsync(Admin, week, 1, 5);

        Assert.Equal(7, first.TotalCount);
        Assert.Equal(["Vente n° 100", "Vente n° 101", "Vente n° 102", "Vente n° 103", "Vente n° 104"], first.Items.Select(e => e.Target));
        Assert.Equal(["Vente n° 105", "Vente n° 106"], second.Items.Select(e => e.Target));
        Assert.All(first.Items, e => Assert.Equal("Détail d'une vente ouvert", e.ActionLabel));

        var byUser = await Journal.GetPageAsync(Admin, new AuditQuery(User: "CAISSE"), 0, 50);
        Assert.Equal(30, byUser.TotalCount);
        Assert.All(byUser.Items, e => Assert.Equal(("caisse.quimper", "Connexion"), (e.UserName, e.ActionLabel)));

        var deleted = Assert.Single((await Journal.GetPageAsync(Admin, new AuditQuery(Action: AuditActions.SaleDeleted), 0, 50)).Items);
        // In the order PostgreSQL keeps a JSON object's keys (shortest first).
        Assert.Equal("motif : =HYPERLINK(\"http://x\") · vente n° : 7", deleted.Details);
        Assert.Equal("10.0.0.10", deleted.ClientAddress);

        await Assert.ThrowsAsync<InvalidInputException>(() => Journal.GetPageAsync(Admin, new AuditQuery(From: new DateOnly(2026, 11, 2), To: new DateOnly(2026, 11, 1)), 0, 5));
        await Assert.ThrowsAsync<InvalidInputException>(() => Journal.GetPageAsync(Admin, new AuditQuery(User: "a\u0000b"), 0, 5));
    }

    [Fact]
    public async Task The_csv_holds_the_filtered_rows_with_formulas_neutralised_and_is_itself_audited()
    {
        using var output = new MemoryStream();

        var written = await Journal.WriteCsvAsync(Manager(_brest), new AuditQuery(From: new DateOnly(2026, 11, 25), To: new DateOnly(2026, 11, 25)), output);

        Assert.Equal(3, written);
        var text = Encoding.UTF8.GetString(output.ToArray());
        var rows = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("\uFEFFDate;Utilisateur;Magasin;Action;Objet;Détails;Adresse", rows[0]);
        Assert.StartsWith("25/11/2026 11:00:00;gerant.brest;Magasin de Brest;Détail d'une vente ouvert;Vente n° 100;", rows[1], StringComparison.Ordinal);
        Assert.StartsWith("25/11/2026 10:30:00;\"'=2+5\";Magasin de Brest;Échec de connexion;", rows[2], StringComparison.Ordinal);
        Assert.StartsWith("25/11/2026 10:00:00;gerant.brest;Magasin de Brest;Vente supprimée;Vente n° 7;", rows[3], StringComparison.Ordinal);
        var exported = Assert.Single((await Journal.GetPageAsync(Admin, new AuditQuery(Action: AuditActions.AuditExported), 0, 5)).Items);
        Assert.Equal(("responsable", "Magasin de Brest"), (exported.UserName, exported.StoreName));
    }
}
