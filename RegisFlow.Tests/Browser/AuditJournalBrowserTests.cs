using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using RegisFlow.Domain.Audit;
using RegisFlow.Domain.Data;
using RegisFlow.Domain.Users;

namespace RegisFlow.Tests.Browser;

/// <summary>Who saw a buyer's data and who took the register away: the journal shows it, to an admin for every store, to a manager for theirs.</summary>
[Collection(BrowserCollection.Name)]
public class AuditJournalBrowserTests(BrowserAppFixture app)
{
    /// <summary>Someone of another store, signed in just now: a manager of the main store must not see it.</summary>
    private const string ElsewhereUser = "vendeur.ailleurs";

    [Theory]
    [InlineData(UserRole.Admin, BrowserAccounts.AdminUserName)]
    [InlineData(UserRole.Manager, BrowserAccounts.ManagerUserName)]
    public async Task The_journal_shows_a_detail_opening_and_an_export_made_just_before(UserRole role, string userName)
    {
        var saleNumber = await SeedAsync();
        await using var browser = await app.OpenAsync(Viewport.Desktop, role);
        var page = browser.Page;

        await page.OpenAsync("/historique");
        await page.GetByLabel("Rechercher").FillAsync(BrowserAccounts.SeededBuyerLastName.ToLowerInvariant());
        var rows = page.Locator(".mud-table-body tr");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await rows.First.ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog.Locator("[data-field='id.number']")).ToContainTextAsync("19AB12345");
        await dialog.Locator(".mud-dialog-actions").GetByRole(AriaRole.Button, new() { Name = "Fermer" }).ClickAsync();
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "CSV", Exact = true }).ClickAsync(),
            new() { Timeout = BrowserTimeouts.ServerWork });
        await download.PathAsync();

        await page.OpenAsync("/journal");
        var grid = page.GetByTestId("audit-grid");
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Utilisateur", Exact = true }).FillAsync(userName);
        // Newest first: the export just made, then the photos and the opening of the sale's details before it.
        var newest = grid.Locator(".mud-table-body tr");
        await Assertions.Expect(newest.First).ToContainTextAsync("Export du registre");
        await Assertions.Expect(newest.First).ToContainTextAsync("format : csv");
        var opening = newest.Filter(new() { HasText = "Détail d'une vente ouvert" }).First;
        await Assertions.Expect(opening).ToContainTextAsync($"Vente n° {saleNumber}");
        await browser.ScreenshotAsync($"journal-{role.ToString().ToLowerInvariant()}");

        await page.GetByRole(AriaRole.Textbox, new() { Name = "Utilisateur", Exact = true }).FillAsync(ElsewhereUser);
        if (role == UserRole.Admin)
        {
            await Assertions.Expect(newest).ToHaveCountAsync(1);
            await Assertions.Expect(newest.First).ToContainTextAsync("10.1.2.3");
        }
        else
        {
            await Assertions.Expect(grid).ToContainTextAsync("Aucune ligne ne correspond à ces critères.");
            await Assertions.Expect(grid.GetByRole(AriaRole.Columnheader, new() { Name = "Magasin" })).ToHaveCountAsync(0);
        }
        await browser.AssertNoErrorsAsync();
    }

    /// <summary>A sign-in in another store (once), and the number of the main store's seeded sale.</summary>
    private async Task<long> SeedAsync()
    {
        var factory = app.Services.GetRequiredService<IDbContextFactory<RegisFlowDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        if (!await db.AuditEvents.AnyAsync(a => a.UserName == ElsewhereUser))
        {
            // A store since deleted: its rows stay in the journal, with its number. No other browser test sees a new store.
            const int elsewhere = 424242;
            db.AuditEvents.Add(AuditLog.For(new Caller(0, ElsewhereUser, "Vendeur ailleurs", UserRole.Employee, elsewhere, "10.1.2.3"),
                AuditActions.LoginSucceeded, DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
        }
        return await db.Sales.Where(s => s.BuyerLastName == BrowserAccounts.SeededBuyerLastName).Select(s => s.Id).SingleAsync();
    }
}
