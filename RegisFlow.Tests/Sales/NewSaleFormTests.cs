using Microsoft.AspNetCore.DataProtection;
using System.Security.Claims;
using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Extensions;
using RegisFlow.Domain.Database;
using RegisFlow.Domain.Photos;
using RegisFlow.Domain.Sales;
using RegisFlow.Domain.Users;
using RegisFlow.Web.Components.Shared;
using RegisFlow.Tests.Infrastructure;
using RegisFlow.Web.Features.Account;
using RegisFlow.Web.Features.Outage;
using RegisFlow.Web.Features.Sales;

namespace RegisFlow.Tests.Sales;

/// <summary>The "Nouvelle vente" page as a seller uses it, on the real domain services and database.</summary>
public class NewSaleFormTests : ComponentTestBase, IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private static readonly Caller Seller = new(7, "emma", "Emma Vendeuse", UserRole.Employee, 1);
    private readonly DatabaseFixture _fixture;
    private readonly BunitJSModuleInterop _upload;

    public NewSaleFormTests(DatabaseFixture fixture)
    {
        _fixture = fixture;
        Services.AddScoped<CurrentCaller>();
        Services.AddScoped<SelectedStore>();
        _upload = JSInterop.SetupModule("./js/photo-upload.js");
    }

    public Task InitializeAsync() => _fixture.ResetAsync();

    // MudBlazor registers services that only dispose asynchronously.
    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();

    private void SignIn(string role, int? storeId, string displayName = "Emma Vendeuse")
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, "7"),
            new(ClaimTypes.Role, role),
            new(CallerClaims.DisplayName, displayName),
        };
        if (storeId is { } id)
        {
            claims.Add(new Claim(CallerClaims.StoreId, id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        var authorization = AddAuthorization();
        authorization.SetAuthorized("emma");
        authorization.SetClaims([.. claims]);
    }

    private IRenderedComponent<NewSale> RenderPage(IServiceProvider? domain = null)
    {
        domain ??= _fixture.Services;
        Services.AddSingleton(domain.GetRequiredService<SaleService>());
        Services.AddSingleton(domain.GetRequiredService<SaleValidator>());
        Services.AddSingleton(domain.GetRequiredService<PhotoProcessor>());
        Services.AddSingleton(domain.GetRequiredService<PendingPhotos>());
        Services.AddSingleton(domain.GetRequiredService<DatabaseConnection>());
        Services.AddSingleton(domain.GetRequiredService<RegisFlow.Domain.Catalogue.CatalogueService>());
        Services.AddSingleton(domain.GetRequiredService<ReturningBuyerService>());
        Services.AddSingleton(domain.GetRequiredService<SalesOptions>());
        Services.AddSingleton(domain.GetRequiredService<RegisFlow.Domain.Stores.StoreService>());
        Services.AddScoped<DatabaseStatus>();
        Services.AddDataProtection();
        Services.AddScoped<SaleDrafts>();
        // The page waits for an interactive renderer before it reads the browser's draft.
        Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
        var root = Render(builder =>
        {
            builder.OpenComponent<MudPopoverProvider>(0);
            builder.CloseComponent();
            builder.OpenComponent<NewSale>(1);
            builder.CloseComponent();
        });
        var page = root.FindComponent<NewSale>();
        // The page reads its store from the database before Save is enabled; on a busy machine that is not at once.
        page.WaitForAssertion(() => Assert.Matches("Magasin : |Tous les magasins|ne répond pas", Text(page)));
        return page;
    }

    /// <summary>The text the seller reads on the page.</summary>
    private static string Text(IRenderedComponent<NewSale> page) => string.Concat(page.Nodes.Select(n => n.TextContent));

    private static IElement Field(IRenderedComponent<NewSale> page, string label)
    {
        var element = page.FindAll("label").First(l => l.TextContent.Trim().TrimEnd('*').Trim() == label);
        return page.Find("#" + element.GetAttribute("for"));
    }

    private static Task Choose<T>(IRenderedComponent<NewSale> page, int index, T value) =>
        page.InvokeAsync(() => page.FindComponents<MudSelect<T>>()[index].Instance.ValueChanged.InvokeAsync(value));

    private static Task Pick<T>(IRenderedComponent<NewSale> page, int index, T value) =>
        page.InvokeAsync(() => page.FindComponents<MudRadioGroup<T>>()[index].Instance.ValueChanged.InvokeAsync(value));

    private static void ClickButton(IRenderedComponent<NewSale> page, string text)
    {
        // While a save is under way the button reads « Enregistrement… »: the next click waits until it is back.
        page.WaitForAssertion(() => Assert.Contains(page.FindAll("button"), b => b.TextContent.Trim() == text));
        page.InvokeAsync(() => page.FindAll("button").First(b => b.TextContent.Trim() == text).Click()).GetAwaiter().GetResult();
    }

    /// <summary>
    /// What the browser does when a photo is chosen in field <paramref name="index"/>: it sends it to the server (played here
    /// by <see cref="PendingPhotos"/>, which processes it) and hands the token back to the field.
    /// </summary>
    private async Task UploadAsync(IRenderedComponent<NewSale> page, int index, byte[] bytes)
    {
        var stored = page.FindAll("[data-testid=photo-stored]").Count;
        var sent = await Services.GetRequiredService<PendingPhotos>().AddAsync(Seller, new MemoryStream(bytes));
        _upload.Setup<PhotoCapture.UploadResult>("uploadChosen", _ => true).SetResult(new PhotoCapture.UploadResult("ok", sent.Token, null, true));
        page.FindAll("input[data-source=gallery]")[index].Change("");
        page.WaitForAssertion(() => Assert.Equal(stored + 1, page.FindAll("[data-testid=photo-stored]").Count));
    }

    private static IElement SaveButton(IRenderedComponent<NewSale> page) => page.FindAll("button").First(b => b.TextContent.Trim() == "Enregistrer la vente");

    private static List<string> Categories(IRenderedComponent<NewSale> page, int line) =>
        page.FindAll($"[data-line='{line}'] .mud-radio").Select(r => r.TextContent.Trim()).ToList();

    private static string? ChosenCategory(IRenderedComponent<NewSale> page, int line) =>
        page.FindAll($"[data-line='{line}'] .mud-radio").SingleOrDefault(r => r.QuerySelector("input[checked]") is not null)?.TextContent.Trim();

    [Fact]
    public void The_seller_is_prefilled_and_the_store_is_shown()
    {
        SignIn("Employee", 1);
        var page = RenderPage();

        Assert.Equal("Emma Vendeuse", Field(page, "Vendeur").GetAttribute("value"));
        // The store comes from the database after the first render.
        page.WaitForAssertion(() => Assert.Contains("Magasin : Magasin Principal", Text(page), StringComparison.Ordinal));
    }

    [Fact]
    public void The_quantity_steppers_go_up_and_down_from_one_article()
    {
        SignIn("Employee", 1);
        var page = RenderPage();
        string Quantity() => Field(page, "Quantité").GetAttribute("value") ?? "";
        void Step(string direction) => page.InvokeAsync(() => page.Find($"button[aria-label='Une unité de {direction} pour le produit 1']").Click()).GetAwaiter().GetResult();

        // A new line is for one article.
        Assert.Equal("1", Quantity());
        Step("plus");
        page.WaitForAssertion(() => Assert.Equal("2", Quantity()));
        Step("plus");
        page.WaitForAssertion(() => Assert.Equal("3", Quantity()));
        Step("moins");
        page.WaitForAssertion(() => Assert.Equal("2", Quantity()));
        Step("moins");
        page.WaitForAssertion(() => Assert.Equal("1", Quantity()));
        Assert.True(page.Find("button[aria-label='Une unité de moins pour le produit 1']").HasAttribute("disabled"));
    }

    /// <summary>The sale settings of store 1, where the seller works.</summary>
    private async Task SetStoreAsync(PaymentMethod? defaultPayment, bool photosRequired = false)
    {
        await using var db = await _fixture.CreateDbContextAsync();
        await db.Stores.Where(s => s.Id == 1).ExecuteUpdateAsync(s => s
            .SetProperty(x => x.DefaultPaymentMethod, defaultPayment).SetProperty(x => x.PhotosRequired, photosRequired));
    }

    private static PaymentMethod? ChosenPayment(IRenderedComponent<NewSale> page) =>
        page.FindComponents<MudRadioGroup<PaymentMethod?>>()[0].Instance.Value;

    [Fact]
    public async Task Saving_an_empty_form_shows_the_french_messages_next_to_the_fields()
    {
        // A store where the seller chooses the payment and photos are required: every message of an empty form shows.
        await SetStoreAsync(null, photosRequired: true);
        SignIn("Employee", 1);
        var page = RenderPage();
        page.WaitForAssertion(() => Assert.Contains("Magasin : Magasin Principal", Text(page), StringComparison.Ordinal));

        ClickButton(page, "Enregistrer la vente");

        page.WaitForAssertion(() => Assert.Contains("La vente n'est pas enregistrée", Text(page), StringComparison.Ordinal));
        foreach (var message in new[]
        {
            "Choisissez le type d'article.", "Le code-barres est obligatoire", "Le nom de l'acheteur est obligatoire.",
            "Les prénoms de l'acheteur sont obligatoires", "L'autorité de délivrance est obligatoire", "La date de naissance est obligatoire.", "Le lieu de naissance est obligatoire.",
            "Choisissez le moyen de paiement.", "Choisissez le type de pièce d'identité.", "La date de délivrance est obligatoire.",
            "La photo du recto de la pièce d'identité est obligatoire.", "La photo du ticket de caisse est obligatoire.",
        })
        {
            Assert.Contains(message, Text(page), StringComparison.Ordinal);
        }
        Assert.Contains("Le nom de l'acheteur est obligatoire.", Field(page, "Nom").Closest(".mud-input-control")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_form_starts_with_the_store_default_payment_and_gets_it_again_after_a_saved_sale()
    {
        await SetStoreAsync(PaymentMethod.Card);
        SignIn("Employee", 1);
        var page = RenderPage();
        page.WaitForAssertion(() => Assert.Equal(PaymentMethod.Card, ChosenPayment(page)));

        await FillValidSaleAsync(page);
        Assert.Equal(PaymentMethod.Cash, ChosenPayment(page));
        ClickButton(page, "Enregistrer la vente");

        page.WaitForAssertion(() => Assert.Contains("enregistrée. Le formulaire est prêt", Text(page), StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        await using var db = await _fixture.CreateDbContextAsync();
        Assert.Equal(PaymentMethod.Cash, (await db.Sales.SingleAsync()).PaymentMethod);
        Assert.Equal(PaymentMethod.Card, ChosenPayment(page));
    }

    [Fact]
    public void A_store_as_created_starts_the_form_with_cash()
    {
        SignIn("Employee", 1);
        var page = RenderPage();
        page.WaitForAssertion(() => Assert.Equal(PaymentMethod.Cash, ChosenPayment(page)));
    }

    [Fact]
    public async Task A_store_without_default_payment_leaves_the_choice_to_the_seller()
    {
        await SetStoreAsync(null);
        SignIn("Employee", 1);
        var page = RenderPage();
        page.WaitForAssertion(() => Assert.Contains("Magasin : Magasin Principal", Text(page), StringComparison.Ordinal));

        Assert.Null(ChosenPayment(page));
    }

    [Fact]
    public async Task A_product_line_can_be_added_and_removed_but_one_always_stays()
    {
        SignIn("Employee", 1);
        var page = RenderPage();
        Assert.Single(page.FindAll("[data-line]"));
        Assert.True(page.Find("button[aria-label='Retirer le produit 1']").HasAttribute("disabled"));

        ClickButton(page, "Ajouter un produit");
        ClickButton(page, "Ajouter un produit");
        Assert.Equal(3, page.FindAll("[data-line]").Count);
        await Choose<ArticleType?>(page, 1, ArticleType.Fountain);

        page.Find("button[aria-label='Retirer le produit 1']").Click();

        Assert.Equal(2, page.FindAll("[data-line]").Count);
        Assert.Equal(ArticleType.Fountain, page.FindComponents<MudSelect<ArticleType?>>()[0].Instance.GetState(x => x.Value));
    }

    [Fact]
    public async Task Category_choices_follow_the_article_type()
    {
        SignIn("Employee", 1);
        var page = RenderPage();
        Assert.Contains("Choisissez d'abord le type.", page.Find("[data-line='1']").TextContent, StringComparison.Ordinal);

        await Choose<ArticleType?>(page, 0, ArticleType.Rocket);
        Assert.Equal(["F2", "F3"], Categories(page, 1));
        Assert.Null(ChosenCategory(page, 1));

        await Choose<ArticleType?>(page, 0, ArticleType.Fountain);
        Assert.Equal(["F2"], Categories(page, 1));
        Assert.Equal("F2", ChosenCategory(page, 1));

        await Choose<ArticleType?>(page, 0, ArticleType.Battery);
        Assert.Equal(["F3"], Categories(page, 1));
        Assert.Equal("F3", ChosenCategory(page, 1));
    }

    [Fact]
    public void An_admin_on_all_stores_is_asked_to_pick_one_and_cannot_save()
    {
        SignIn("Admin", null, "Administrateur");
        var page = RenderPage();

        page.WaitForAssertion(() => Assert.Contains("choisissez dans la barre du haut le magasin de cette vente", Text(page), StringComparison.Ordinal));
        Assert.True(page.FindAll("button").First(b => b.TextContent.Trim() == "Enregistrer la vente").HasAttribute("disabled"));

        page.InvokeAsync(() => Services.GetRequiredService<SelectedStore>().Select(1, "Magasin Principal"));

        page.WaitForAssertion(() => Assert.False(page.FindAll("button").First(b => b.TextContent.Trim() == "Enregistrer la vente").HasAttribute("disabled")));
        Assert.DoesNotContain("choisissez dans la barre du haut", Text(page), StringComparison.Ordinal);
    }

    private async Task FillValidSaleAsync(IRenderedComponent<NewSale> page, bool withReceipt = true)
    {
        await Choose<ArticleType?>(page, 0, ArticleType.Fountain);
        Field(page, "Code-barres (EAN-13 ou EAN-8)").Input("4006381333931");
        Field(page, "Nom").Change("Lefèvre");
        Field(page, "Prénoms").Change("Élodie");
        Field(page, "Date de naissance").Change("1985-06-14");
        Field(page, "Lieu de naissance").Change("Besançon");
        Field(page, "Adresse").Change("12 rue des Lilas, Lyon");
        await Pick<PaymentMethod?>(page, 0, PaymentMethod.Cash);
        await Pick<IdDocumentType?>(page, 0, IdDocumentType.Passport);
        Field(page, "Numéro").Change("20AB12345");
        Field(page, "Autorité de délivrance").Change("Préfecture du Rhône");
        Field(page, "Date de délivrance").Change("2020-01-15");
        await UploadAsync(page, 0, TestImages.Jpeg(1200, 800));
        if (withReceipt)
        {
            await UploadAsync(page, 2, TestImages.Jpeg(600, 1400));
        }
    }

    [Fact]
    public async Task A_valid_sale_is_saved_its_number_shown_and_the_form_reset_for_the_next_customer()
    {
        SignIn("Employee", 1);
        var page = RenderPage();
        await FillValidSaleAsync(page);

        ClickButton(page, "Enregistrer la vente");

        await using var db = await _fixture.CreateDbContextAsync();
        page.WaitForAssertion(() => Assert.Contains("enregistrée. Le formulaire est prêt", Text(page), StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        var sale = await db.Sales.Include(s => s.Photos).SingleAsync();
        Assert.Contains($"Vente n° {sale.Id} enregistrée.", Text(page), StringComparison.Ordinal);
        Assert.Equal(2, sale.Photos.Count);
        Assert.Equal("", Field(page, "Nom").GetAttribute("value") ?? "");
        Assert.Empty(page.FindAll("[data-testid=photo-stored]"));
        Assert.Equal("Emma Vendeuse", Field(page, "Vendeur").GetAttribute("value"));
    }

    [Fact]
    public async Task The_sale_waits_for_a_photo_still_on_its_way_then_is_saved_with_it()
    {
        SignIn("Employee", 1);
        var page = RenderPage();
        await FillValidSaleAsync(page);
        var answer = _upload.Setup<PhotoCapture.UploadResult>("uploadChosen", _ => true);

        page.FindAll("input[data-source=gallery]")[1].Change("");

        page.WaitForAssertion(() => Assert.True(SaveButton(page).HasAttribute("disabled")));
        Assert.Contains("Envoi et vérification de la photo", Text(page), StringComparison.Ordinal);
        var sent = await Services.GetRequiredService<PendingPhotos>().AddAsync(Seller, new MemoryStream(TestImages.Jpeg(1200, 800)));
        answer.SetResult(new PhotoCapture.UploadResult("ok", sent.Token, null, true));
        page.WaitForAssertion(() => Assert.False(SaveButton(page).HasAttribute("disabled")));
        ClickButton(page, "Enregistrer la vente");

        page.WaitForAssertion(() => Assert.Contains("enregistrée. Le formulaire est prêt", Text(page), StringComparison.Ordinal));
        await using var db = await _fixture.CreateDbContextAsync();
        Assert.Equal(3, await db.SalePhotos.CountAsync());
    }

    [Fact]
    public async Task When_the_database_is_down_a_french_message_is_shown_and_the_entered_data_stays()
    {
        var unreachable = _fixture.BuildServices(s => s.AddSingleton(new DatabaseConnection("Host=127.0.0.1;Port=9;Database=x;Username=x;Timeout=2", false)));
        SignIn("Employee", 1);
        var page = RenderPage(unreachable);
        await FillValidSaleAsync(page);

        ClickButton(page, "Enregistrer la vente");

        page.WaitForAssertion(() => Assert.Contains("La vente n'a pas pu être enregistrée", Text(page), StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        Assert.Contains("Vos saisies sont conservées", Text(page), StringComparison.Ordinal);
        // The layout's banner shows it too, and the sign-in check of the page keeps the session meanwhile.
        Assert.True(Services.GetRequiredService<DatabaseStatus>().Unreachable);
        Assert.Equal("Lefèvre", Field(page, "Nom").GetAttribute("value"));
        Assert.Equal(2, page.FindAll("[data-testid=photo-stored]").Count);
    }

    private static string PhotoTitle(IRenderedComponent<NewSale> page, string label) =>
        page.Find($"[data-photo=\"{label}\"] .mud-typography-subtitle1").TextContent.Trim();

    [Fact]
    public void In_a_store_with_optional_photos_the_photos_carry_no_required_mark_and_no_photo_impossible_option()
    {
        SignIn("Employee", 1);
        var page = RenderPage();
        page.WaitForAssertion(() => Assert.Contains("Magasin : Magasin Principal", Text(page), StringComparison.Ordinal));

        Assert.Contains("Photos facultatives dans ce magasin", page.Find("[data-testid=photos-rule]").TextContent, StringComparison.Ordinal);
        Assert.Equal("Ticket de caisse", PhotoTitle(page, "Ticket de caisse"));
        Assert.Empty(page.FindAll("[data-testid=photo-impossible]"));
    }

    [Fact]
    public async Task In_a_store_requiring_photos_the_clerk_ticks_photo_impossible_types_why_and_the_sale_is_saved_with_the_reason()
    {
        await SetStoreAsync(PaymentMethod.Cash, photosRequired: true);
        SignIn("Employee", 1);
        var page = RenderPage();
        page.WaitForAssertion(() => Assert.Equal("Ticket de caisse *", PhotoTitle(page, "Ticket de caisse")));
        Assert.Contains("Ce magasin exige la photo du recto", page.Find("[data-testid=photos-rule]").TextContent, StringComparison.Ordinal);
        // The camera broke before the receipt: the sale is refused until a reason is given.
        await FillValidSaleAsync(page, withReceipt: false);
        ClickButton(page, "Enregistrer la vente");
        page.WaitForAssertion(() => Assert.Contains("La photo du ticket de caisse est obligatoire.", Text(page), StringComparison.Ordinal));

        await page.InvokeAsync(() => page.FindComponents<MudCheckBox<bool>>()
            .Single(c => c.Markup.Contains("Photo impossible", StringComparison.Ordinal)).Instance.ValueChanged.InvokeAsync(true));
        ClickButton(page, "Enregistrer la vente");
        page.WaitForAssertion(() => Assert.Contains("Indiquez pourquoi la photo n'a pas pu être prise", Text(page), StringComparison.Ordinal));
        Field(page, "Pourquoi la photo n'a pas pu être prise").Input("Appareil photo en panne");
        ClickButton(page, "Enregistrer la vente");

        page.WaitForAssertion(() => Assert.Contains("enregistrée. Le formulaire est prêt", Text(page), StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        await using var db = await _fixture.CreateDbContextAsync();
        var sale = await db.Sales.SingleAsync();
        Assert.Equal((1, "Appareil photo en panne"), (sale.PhotoCount, sale.MissingPhotosReason));
        Assert.Empty(page.FindAll("[data-testid=missing-photos-reason]"));
    }
}
