using System.Text.RegularExpressions;
using Microsoft.Playwright;
using RegisFlow.Domain.Users;

namespace RegisFlow.Tests.Browser;

/// <summary>An administrator opens a second shop, gives it an employee, and backs the register up.</summary>
[Collection(BrowserCollection.Name)]
public class AdministrationBrowserTests(BrowserAppFixture app)
{
    [Fact]
    public async Task A_new_store_employee_changes_the_temporary_password_and_sees_only_that_store()
    {
        const string store = "Magasin du Port";
        await using var admin = await app.OpenAsync(Viewport.Desktop, UserRole.Admin);
        var page = admin.Page;

        await page.OpenAsync("/administration/magasins");
        await page.GetByRole(AriaRole.Button, new() { Name = "Nouveau magasin" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await SaleBrowserTests.Field(dialog, "Nom").FillAsync(store);
        await SaleBrowserTests.Field(dialog, "Adresse").FillAsync("1 quai du Port, 13002 Marseille");
        await admin.ScreenshotAsync("magasin-nouveau");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Enregistrer" }).ClickAsync();
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = store, Exact = true })).ToBeVisibleAsync();

        await page.OpenAsync("/administration/utilisateurs");
        await page.GetByRole(AriaRole.Button, new() { Name = "Nouvel utilisateur" }).ClickAsync();
        await SaleBrowserTests.Field(dialog, "Identifiant").FillAsync("paul.port");
        await SaleBrowserTests.Field(dialog, "Prénom").FillAsync("Paul");
        await SaleBrowserTests.Field(dialog, "Nom").FillAsync("Port");
        await ChooseAsync(page, dialog, "Rôle", "Employé");
        await ChooseAsync(page, dialog, "Magasin", store);
        await admin.ScreenshotAsync("utilisateur-nouveau");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Enregistrer" }).ClickAsync();
        await Assertions.Expect(dialog.GetByText("Mot de passe provisoire de")).ToBeVisibleAsync();
        var temporary = await dialog.Locator("input").InputValueAsync();
        Assert.Equal(PasswordPolicy.NewTemporaryPassword().Length, temporary.Length);
        await admin.ScreenshotAsync("utilisateur-mot-de-passe-provisoire");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "J'ai noté le mot de passe" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "paul.port", Exact = true })).ToBeVisibleAsync();

        await using var employee = await app.OpenAsync(Viewport.TabletPortrait.Width, Viewport.TabletPortrait.Height);
        var shop = employee.Page;
        await shop.SignInAsync("paul.port", temporary);
        await Assertions.Expect(shop).ToHaveURLAsync(new Regex("/compte/mot-de-passe$"));
        await shop.ChangePasswordAsync(temporary, "mot-de-passe-de-paul");
        await Assertions.Expect(shop).ToHaveURLAsync(new Regex("/ventes/nouvelle$"));
        await Assertions.Expect(shop.GetByText(new Regex("^Magasin : "))).ToContainTextAsync(store);
        await Assertions.Expect(shop.Locator(".store-selector")).ToHaveCountAsync(0);

        await shop.OpenAsync("/historique");
        await Assertions.Expect(shop.GetByTestId("history-count")).ToHaveTextAsync("0 résultat sur 0 vente");
        await Assertions.Expect(shop.GetByText(BrowserAccounts.SeededBuyerLastName)).ToHaveCountAsync(0);
        await employee.AssertNoErrorsAsync();
        await admin.AssertNoErrorsAsync();
    }

    [Fact]
    public async Task A_manual_backup_adds_one_to_the_backups_kept()
    {
        await using var admin = await app.OpenAsync(Viewport.Desktop, UserRole.Admin);
        var page = admin.Page;
        await page.OpenAsync("/administration");
        var summary = page.GetByTestId("backup-summary");
        // « 0 sauvegarde conservée », « 1 sauvegarde conservée », « 2 sauvegardes conservées » once the list is loaded.
        await Assertions.Expect(summary).ToContainTextAsync(new Regex(@"\d+ sauvegardes? conservées?\."));
        var before = int.Parse(await summary.Locator("b").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);

        await page.GetByRole(AriaRole.Button, new() { Name = "Sauvegarder maintenant" }).ClickAsync();
        await Assertions.Expect(page.GetByText(new Regex(@"^Sauvegarde créée"))).ToBeVisibleAsync(BrowserTimeouts.AfterServerWork);
        await Assertions.Expect(summary.Locator("b")).ToHaveTextAsync((before + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await admin.ScreenshotAsync("sauvegarde-creee");
        await admin.AssertNoErrorsAsync();
    }

    private static async Task ChooseAsync(IPage page, ILocator dialog, string select, string option)
    {
        await dialog.Locator(".mud-select").Filter(new() { HasText = select }).First.ClickAsync();
        await page.Locator(".mud-popover-open").GetByText(option, new() { Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".mud-popover-open")).ToHaveCountAsync(0);
    }
}
