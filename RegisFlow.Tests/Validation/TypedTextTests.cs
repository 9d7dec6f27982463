using System.Net;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RegisFlow.Domain.Exports;
using RegisFlow.Domain.History;
using RegisFlow.Domain.Photos;
using RegisFlow.Domain.Sales;
using RegisFlow.Domain.Stores;
using RegisFlow.Domain.Users;
using RegisFlow.Domain.Validation;
using RegisFlow.Tests.History;
using RegisFlow.Tests.Infrastructure;
using RegisFlow.Tests.Sales;
using RegisFlow.Tests.Users;
using RegisFlow.Web.Features.History;

namespace RegisFlow.Tests.Validation;

/// <summary>Control characters refused everywhere a person types, bidi overrides removed from names, search words capped.</summary>
public class TypedTextTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private static readonly Caller Admin = new(1, "admin", "Administrateur", UserRole.Admin, null);

    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    public static TheoryData<string> SaleTextFields() =>
    [
        SaleFields.SellerName, SaleFields.BuyerLastName, SaleFields.BuyerFirstNames, SaleFields.BuyerBirthPlace,
        SaleFields.BuyerAddress, SaleFields.IdDocumentNumber, SaleFields.IdDocumentAuthority,
    ];

    [Theory]
    [MemberData(nameof(SaleTextFields))]
    public async Task A_NUL_in_a_sale_field_is_refused_with_a_French_message_and_nothing_is_saved(string field)
    {
        var input = SaleSamples.ValidInput();
        var property = typeof(SaleInput).GetProperty(field)!;
        property.SetValue(input, "Du\0pont");

        var refused = await Assert.ThrowsAsync<SaleRefusedException>(() =>
            fixture.Services.GetRequiredService<SaleService>().CreateAsync(Admin, 1, input, SaleSamples.Photos()));

        Assert.Equal(TypedText.ControlCharacterMessage, refused.Errors.For(field));
        await using var db = await fixture.CreateDbContextAsync();
        Assert.Equal(0, await db.Sales.CountAsync());

        // The same sale with the field retyped saves: nothing was left half-done.
        property.SetValue(input, "Dupont");
        await fixture.Services.GetRequiredService<SaleService>().CreateAsync(Admin, 1, input, SaleSamples.Photos());
    }

    [Fact]
    public void Other_control_characters_and_broken_text_are_refused_too()
    {
        // Built here: a lone surrogate would not survive xunit's serialisation of theory data.
        string[] refused = ["\u001b[31m", "tab\there", "\u0085", new string(['\ud800', ' ', 'x'])];
        Assert.All(refused, text => Assert.Equal(TypedText.ControlCharacterMessage, TypedText.Problem(text)));
        Assert.Null(TypedText.Problem("Zoë 🎆 Ñandú"));
    }

    [Fact]
    public void A_line_break_is_allowed_in_an_address_but_not_in_a_name()
    {
        var errors = new SaleValidator(new SalesOptions()).Validate(
            new SaleInput { BuyerAddress = "12 rue des Lilas\n69003 Lyon", BuyerLastName = "Du\npont" }, SaleSamples.SaleDate, SaleSamples.AllPhotos, photosRequired: true);

        Assert.False(errors.Has(SaleFields.BuyerAddress));
        Assert.Equal(TypedText.ControlCharacterMessage, errors.For(SaleFields.BuyerLastName));
    }

    [Fact]
    public async Task Bidi_override_characters_are_removed_from_names_on_save()
    {
        var input = SaleSamples.ValidInput();
        input.BuyerLastName = "\u202Eeiram\u202C";
        input.BuyerFirstNames = "J\u2067ean\u2069";
        var id = await fixture.Services.GetRequiredService<SaleService>().CreateAsync(Admin, 1, input, SaleSamples.Photos());
        var storeId = await fixture.StoreService().CreateAsync(Admin, new StoreInput { Name = "\u202DMagasin\u202C du Nord" });
        var user = await fixture.UserService().CreateAsync(Admin,
            new UserInput { UserName = TestAccounts.Unique("bidi"), FirstName = " \u202ELéa\u202C ", LastName = "Mar\u2066tin ", Role = UserRole.Admin });

        await using var db = await fixture.CreateDbContextAsync();
        var sale = await db.Sales.SingleAsync(s => s.Id == id);
        Assert.Equal(("eiram", "Jean"), (sale.BuyerLastName, sale.BuyerFirstNames));
        Assert.Equal("Magasin du Nord", (await db.Stores.SingleAsync(s => s.Id == storeId)).Name);
        var saved = await db.Users.SingleAsync(u => u.Id == user.UserId);
        Assert.Equal(("Léa", "Martin", "Léa Martin"), (saved.FirstName, saved.LastName, saved.DisplayName));
    }

    [Fact]
    public async Task Control_characters_in_a_user_or_a_store_are_refused_and_nothing_is_created()
    {
        var user = await Assert.ThrowsAsync<InvalidInputException>(() => fixture.UserService().CreateAsync(Admin,
            new UserInput { UserName = "nul-dans-le-nom", FirstName = "Léa", LastName = "Mar\u001Btin", Role = UserRole.Admin }));
        var store = await Assert.ThrowsAsync<InvalidInputException>(() => fixture.StoreService().CreateAsync(Admin,
            new StoreInput { Name = "Magasin\u0007" }));
        var search = await Assert.ThrowsAsync<InvalidInputException>(() => fixture.UserService().ListAsync(Admin, new UserQuery(Search: "a\0")));

        Assert.All([user, store, search], e => Assert.Equal(TypedText.ControlCharacterMessage, Assert.Single(e.Errors).Message));
        await using var db = await fixture.CreateDbContextAsync();
        Assert.False(await db.Users.AnyAsync(u => u.UserName == "nul-dans-le-nom"));
        Assert.Equal(1, await db.Stores.CountAsync());
    }

    [Fact]
    public async Task A_NUL_in_the_history_search_or_the_q_of_an_export_link_gets_a_French_message()
    {
        var history = fixture.Services.GetRequiredService<SaleHistoryService>();
        var refused = await Assert.ThrowsAsync<InvalidInputException>(() =>
            history.GetPageAsync(Admin, new SaleExportQuery(Search: "Dupont\0"), pageSize: 25));
        Assert.Equal(TypedText.ControlCharacterMessage, refused.Message);

        await using var factory = AppFactory.For(fixture);
        var app = TestAuthentication.Use(factory);
        using var client = TestAuthentication.ClientFor(app, Admin);
        using var response = await client.GetAsync("/exports/csv?q=Dupont%00");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Recherche (q) : " + TypedText.ControlCharacterMessage, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Only_the_first_ten_search_words_are_searched_and_the_rest_is_ignored()
    {
        await using (var db = await fixture.CreateDbContextAsync())
        {
            await TestSales.InsertAsync(db, TestSales.Build(1, fixture.Clock.GetUtcNow(), lastName: "Dupont"));
        }
        var words = string.Join(' ', Enumerable.Repeat("dupont", 10).Concat(Enumerable.Range(0, 5000).Select(i => $"absent{i}")));
        var query = new SaleExportQuery(Search: words);

        var page = await fixture.Services.GetRequiredService<SaleHistoryService>().GetPageAsync(Admin, query, pageSize: 25);

        Assert.Equal(TypedText.MaxSearchWords, query.SearchTerms().Count);
        Assert.Equal(5000, query.IgnoredSearchWords);
        Assert.Equal(1, page.Matching.Value);
    }

    [Fact]
    public async Task The_history_search_box_says_how_many_words_are_ignored_and_why_a_search_is_refused()
    {
        await using var bunit = new ComponentTestHost();
        var filters = new HistoryFilters { Search = "un deux trois quatre cinq six sept huit neuf dix onze douze" };
        var bar = bunit.Render<HistoryFilterBar>(p => p.Add(b => b.Filters, filters));
        Assert.Contains("Seuls les 10 premiers mots sont cherchés : les 2 derniers sont ignorés.", bar.Markup, StringComparison.Ordinal);

        filters.Search = "Dupont\0";
        bar.Render();
        Assert.Contains(TypedText.ControlCharacterMessage, bar.Markup, StringComparison.Ordinal);
    }


    private sealed class ComponentTestHost : ComponentTestBase;
}
