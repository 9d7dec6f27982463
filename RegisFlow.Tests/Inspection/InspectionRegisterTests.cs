using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RegisFlow.Domain.Audit;
using RegisFlow.Domain.Exports;
using RegisFlow.Domain.History;
using RegisFlow.Domain.Inspection;
using RegisFlow.Domain.Integrity;
using RegisFlow.Domain.Sales;
using RegisFlow.Domain.Users;
using RegisFlow.Tests.History;
using RegisFlow.Tests.Infrastructure;
using RegisFlow.Tests.Integrity;
using UglyToad.PdfPig;
using static RegisFlow.Tests.Backups.RegisterData;

namespace RegisFlow.Tests.Inspection;

/// <summary>The register printed for an inspector: every mandated field, numbered, and the chain's head hash with its check last.</summary>
public class InspectionRegisterTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private static readonly DateOnly Today = new(2026, 11, 25);
    private InspectionRegisterService Register => fixture.Services.GetRequiredService<InspectionRegisterService>();
    private static Caller Manager(int storeId) => new(1, "admin", "Marc Responsable", UserRole.Manager, storeId);

    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<(byte[] Bytes, List<string> Pages)> PrintAsync(Caller caller, InspectionRequest request)
    {
        var plan = await Register.PlanAsync(caller, request);
        using var output = new MemoryStream();
        await Register.WriteAsync(plan, output);
        var bytes = output.ToArray();
        using var pdf = PdfDocument.Open(bytes);
        return (bytes, pdf.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))).ToList());
    }

    [Fact]
    public async Task Every_field_of_every_sale_is_printed_numbered_with_the_removed_sales_and_the_chain_s_head_and_check_last()
    {
        var numbers = new List<long>();
        foreach (var buyer in new[] { "Martin", "Bernard", "Lefèvre", "Petit" })
        {
            numbers.Add(await fixture.Services.RecordAsync(1, buyer));
        }
        await fixture.Services.GetRequiredService<SaleHistoryService>().DeleteAsync(Admin, numbers[1], "Saisie en double");

        var (bytes, pages) = await PrintAsync(Manager(1), new InspectionRequest(1, Today, Today, IncludePhotos: false));

        var text = string.Join("\n", pages);
        Assert.Contains("Registre des ventes d'artifices — exemplaire pour contrôle", pages[0], StringComparison.Ordinal);
        Assert.Contains("Période : du 25/11/2026 au 25/11/2026", pages[0], StringComparison.Ordinal);
        Assert.All(pages.Select((page, i) => (page, i)), p => Assert.Contains($"Page {p.i + 1} / {pages.Count}", p.page, StringComparison.Ordinal));
        // Number and date head each sale; the store heads the register.
        Assert.Contains($"N° d'ordre 1 — Vente n° {numbers[0]} — 25/11/2026 11:00", text, StringComparison.Ordinal);
        Assert.Contains($"N° d'ordre 3 — Vente n° {numbers[3]}", text, StringComparison.Ordinal);
        Assert.DoesNotContain($"N° d'ordre 4", text, StringComparison.Ordinal);
        RegisterField<SaleRecord>[] inHeadings = [RegisterFields.SaleNumber, RegisterFields.SoldAt, RegisterFields.Store];
        foreach (var label in RegisterFields.Sale.Except(inHeadings).Select(f => f.Label).Concat(RegisterFields.Line.Select(f => f.Label)))
        {
            Assert.Contains(label, text, StringComparison.Ordinal);
        }
        foreach (var value in new[] { "Lefèvre", "Élodie Marie", "14/06/1985", "Besançon", "12 rue des Lilas, 69003 Lyon", "X4RTBPFW4", "Préfecture du Rhône",
            "02/03/2021", "4006381333931", "Carte Bancaire" })
        {
            Assert.Contains(value, text, StringComparison.Ordinal);
        }
        Assert.Contains("Saisie en double", text, StringComparison.Ordinal);
        Assert.Contains(numbers[1].ToString(System.Globalization.CultureInfo.InvariantCulture), pages[^2] + pages[^1], StringComparison.Ordinal);

        await using var db = await fixture.CreateDbContextAsync();
        var head = await db.ChainHeads.SingleAsync(h => h.StoreId == 1);
        Assert.Contains("Vérification de la chaîne d'intégrité", pages[^1], StringComparison.Ordinal);
        Assert.Contains(SaleSeal.Hex(head.Hash), pages[^1].Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("Empreinte de tête (rang 4)", pages[^1], StringComparison.Ordinal);
        Assert.Contains("Résultat : chaîne intègre", pages[^1], StringComparison.Ordinal);
        using (var pdf = PdfDocument.Open(bytes))
        {
            Assert.Equal(0, pdf.GetPages().Sum(p => p.GetImages().Count()));
        }
        var audit = await db.AuditEvents.SingleAsync(a => a.Action == AuditActions.InspectionRegister);
        Assert.Equal(1, audit.StoreId);
    }

    [Fact]
    public async Task Photos_are_printed_when_asked_and_a_broken_chain_is_said_on_the_last_page()
    {
        var first = await fixture.Services.RecordAsync(1, "Martin");
        var second = await fixture.Services.RecordAsync(1, "Bernard");
        await TestPostgres.ExecuteAsync(fixture.DatabaseName, $"UPDATE sales SET id_document_number = 'AUTRE123' WHERE id = {second}");

        var (bytes, pages) = await PrintAsync(Admin, new InspectionRequest(1, Today, Today, IncludePhotos: true));

        using var pdf = PdfDocument.Open(bytes);
        Assert.Equal(6, pdf.GetPages().Sum(p => p.GetImages().Count()));
        Assert.Contains($"Résultat : CHAÎNE ROMPUE — Magasin Principal, vente n° {second}", pages[^1], StringComparison.Ordinal);
        Assert.DoesNotContain($"vente n° {first} ", pages[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_manager_prints_their_store_only_and_a_period_too_long_is_refused_in_French()
    {
        await using (var db = await fixture.CreateDbContextAsync())
        {
            var other = await TestSales.AddStoreAsync(db, "Magasin du Port");
            await Assert.ThrowsAsync<AccessDeniedException>(() => Register.PlanAsync(Manager(1), new InspectionRequest(other.Id, Today, Today, false)));
        }
        await Assert.ThrowsAsync<AccessDeniedException>(() => Register.PlanAsync(Employee(1), new InspectionRequest(1, Today, Today, false)));
        var reversed = await Assert.ThrowsAsync<InvalidInputException>(() => Register.PlanAsync(Manager(1), new InspectionRequest(1, Today, Today.AddDays(-1), false)));
        Assert.Equal("La date de début est après la date de fin.", reversed.Message);
        var noStore = await Assert.ThrowsAsync<InvalidInputException>(() => Register.PlanAsync(Admin, new InspectionRequest(null, Today, Today, false)));
        Assert.Equal("Choisissez le magasin dont le registre est demandé.", noStore.Message);

        await using (var db = await fixture.CreateDbContextAsync())
        {
            for (var i = 0; i < InspectionRegisterService.MaxSalesWithPhotos + 1; i++)
            {
                db.Sales.Add(TestSales.Build(1, fixture.Clock.GetUtcNow().AddMinutes(-i)));
            }
            await db.SaveChangesAsync();
        }
        var tooLarge = await Assert.ThrowsAsync<ExportTooLargeException>(() => Register.PlanAsync(Admin, new InspectionRequest(1, Today, Today, true)));
        Assert.Contains("301 ventes, au-delà de la limite de 300 par fichier avec photos", tooLarge.Message, StringComparison.Ordinal);
        Assert.Equal(301, (await Register.PlanAsync(Admin, new InspectionRequest(1, Today, Today, false))).SaleCount);
    }
}
