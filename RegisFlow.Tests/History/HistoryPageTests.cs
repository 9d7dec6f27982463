using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using RegisFlow.Domain.History;
using RegisFlow.Domain.Sales;
using RegisFlow.Domain.Users;
using RegisFlow.Tests.Infrastructure;
using RegisFlow.Web.Features.Account;
using RegisFlow.Web.Features.History;

namespace RegisFlow.Tests.History;

public class HistoryPageTests(DatabaseFixture fixture) : ComponentTestBase, IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private HistoryWorld _world = null!;
    private List<Sale> _sales = null!;

    public async Task InitializeAsync()
    {
        await fixture.ResetAsync();
        await using var db = await fixture.CreateDbContextAsync();
        _world = await HistoryWorld.CreateAsync(db);
        _sales = await TestSales.InsertAsync(db,
            TestSales.Build(_world.MainStore, TestSales.AtParis(2026, 11, 10, 9, 15), lastName: "Lefèvre", photos: true),
            TestSales.Build(_world.MainStore, TestSales.AtParis(2026, 11, 11, 17, 45), lastName: "Ndiaye"),
            TestSales.Build(_world.OtherStore, TestSales.AtParis(2026, 11, 11, 10, 0), lastName: "Arlésienne"));
    }

    async Task IAsyncLifetime.DisposeAsync() => await base.DisposeAsync();

    [Fact]
    public async Task An_employee_sees_their_stores_sales_newest_first_with_the_count_but_neither_exports_nor_delete()
    {
        var (page, dialogs) = RenderAs(_world.Employee);

        page.WaitForAssertion(() =>
        {
            Assert.Equal("2 résultats sur 2 ventes", page.Find("[data-testid=history-count]").TextContent);
            Assert.Equal(2, page.FindAll("tbody tr.mud-table-row").Count);
        });
        var rows = page.FindAll("tbody tr.mud-table-row");
        Assert.Contains("Ndiaye", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("11/11/2026 17:45", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("Lefèvre", rows[1].TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Arlésienne", page.Markup, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("a[href^='/exports/']"));

        await page.InvokeAsync(() => page.FindAll("tbody tr.mud-table-row")[1].Click(new()));
        dialogs.WaitForAssertion(() => Assert.Contains("Préfecture du Rhône", dialogs.Markup, StringComparison.Ordinal));
        Assert.Equal(3, dialogs.FindAll("img[src^='/photos/']").Count);
        Assert.DoesNotContain(dialogs.FindAll("button"), b => b.TextContent.Contains("Supprimer", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_manager_gets_export_links_and_deletes_a_sale_with_a_reason()
    {
        var (page, dialogs) = RenderAs(_world.Manager);
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("tbody tr.mud-table-row").Count));

        Assert.Equal(["/exports/csv", "/exports/xlsx", "/exports/pdf"], page.FindAll("a[download]").Select(a => a.GetAttribute("href")));
        await page.InvokeAsync(() => page.FindAll("tbody tr.mud-table-row")[0].Click(new()));
        dialogs.WaitForAssertion(() => dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Supprimer"));
        await dialogs.InvokeAsync(() => dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Supprimer").Click(new()));
        dialogs.WaitForAssertion(() => dialogs.Find("textarea"));
        var confirm = dialogs.FindAll("button").Single(b => b.TextContent.Contains("Supprimer définitivement", StringComparison.Ordinal));
        Assert.True(confirm.HasAttribute("disabled"));
        await dialogs.InvokeAsync(() => dialogs.Find("textarea").InputAsync(new() { Value = "Saisie en double" }));
        await dialogs.InvokeAsync(() => dialogs.FindAll("button").Single(b => b.TextContent.Contains("Supprimer définitivement", StringComparison.Ordinal)).Click(new()));

        page.WaitForAssertion(() =>
        {
            Assert.Equal("1 résultat sur 1 vente", page.Find("[data-testid=history-count]").TextContent);
            Assert.Single(page.FindAll("tbody tr.mud-table-row"));
            Assert.DoesNotContain("Ndiaye", page.Markup, StringComparison.Ordinal);
        });
        await using var db = await fixture.CreateDbContextAsync();
        Assert.False(await db.Sales.AnyAsync(s => s.Id == _sales[1].Id));
        Assert.Contains("Saisie en double", (await db.AuditEvents.SingleAsync(a => a.Action == "sale.deleted")).Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_details_show_every_field_of_the_register_list_with_its_label_and_value()
    {
        var (page, dialogs) = RenderAs(_world.Manager);
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("tbody tr.mud-table-row").Count));
        var record = (await fixture.Services.GetRequiredService<SaleHistoryService>().GetAsync(_world.Manager, _sales[0].Id))!;

        await page.InvokeAsync(() => page.FindAll("tbody tr.mud-table-row")[1].Click(new()));

        dialogs.WaitForAssertion(() => dialogs.Find("tr[data-field='sale.number']"));
        foreach (var field in RegisterFields.Sale)
        {
            var row = dialogs.Find($"tr[data-field='{field.Key}']");
            Assert.Equal(field.Label, row.QuerySelector("th")!.TextContent.Trim());
            var value = field.Text(record, TestSales.Paris);
            Assert.Equal(value.Length == 0 ? "—" : value, row.QuerySelector("td")!.TextContent.Trim());
        }
        var headers = dialogs.FindAll("thead th").Select(th => th.TextContent.Trim()).ToList();
        foreach (var field in RegisterFields.Line)
        {
            Assert.Contains(field.Label, headers);
            Assert.Equal(record.Lines.Select(l => field.Text(l, TestSales.Paris)),
                dialogs.FindAll($"td[data-field='{field.Key}']").Select(td => td.TextContent.Trim()));
        }
        foreach (var section in RegisterFields.Sections)
        {
            Assert.Contains(dialogs.FindAll("h6, p, .mud-typography"), e => e.TextContent.Trim() == section.Label());
        }
    }

    private (IRenderedComponent<HistoryPage> Page, IRenderedComponent<MudDialogProvider> Dialogs) RenderAs(Caller caller)
    {
        Services.AddSingleton(fixture.Services.GetRequiredService<SaleHistoryService>());
        Services.AddSingleton<AuthenticationStateProvider>(new FixedAuthentication(caller));
        Services.AddScoped<CurrentCaller>();
        Services.AddScoped<SelectedStore>();
        Render<MudPopoverProvider>();
        var dialogs = Render<MudDialogProvider>();
        return (Render<HistoryPage>(), dialogs);
    }

    private sealed class FixedAuthentication(Caller caller) : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync()
        {
            var user = new User
            {
                Id = caller.UserId, UserName = caller.UserName, NormalizedUserName = caller.UserName.ToUpperInvariant(),
                FirstName = caller.DisplayName, LastName = "", Role = caller.Role, StoreId = caller.StoreId, PasswordHash = "", SecurityStamp = "",
            };
            return Task.FromResult(new AuthenticationState(CallerClaims.ToPrincipal(user, "Test")));
        }
    }
}
