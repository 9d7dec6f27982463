using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RegisFlow.Domain.Audit;
using RegisFlow.Domain.Purge;
using RegisFlow.Domain.Sales;
using RegisFlow.Domain.Suspicious;
using RegisFlow.Domain.Users;
using RegisFlow.Tests.Infrastructure;
using RegisFlow.Tests.Sales;
using UglyToad.PdfPig;
using static RegisFlow.Tests.Backups.RegisterData;

namespace RegisFlow.Tests.Suspicious;

/// <summary>Refused sales recorded as suspicious attempts: stored with an audit row, listed by role and store, reported in a PDF, purged.</summary>
public class SuspiciousAttemptTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private SuspiciousAttemptService Attempts => fixture.Services.GetRequiredService<SuspiciousAttemptService>();
    private static Caller Manager(int storeId) => new(5, "resp", "Marc Responsable", UserRole.Manager, storeId);

    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private static SuspiciousAttemptInput Input(params SuspicionReason[] reasons) => new()
    {
        Reasons = [.. reasons],
        Details = "Le client voulait 40 batteries et refusait de dire pour quel usage.",
        Sale = SaleSamples.ValidInput(),
    };

    private async Task<int> OtherStoreAsync()
    {
        await using var db = await fixture.CreateDbContextAsync();
        return (await AddStoreAsync(db, "Magasin du Port", fixture.Clock.GetUtcNow())).Id;
    }

    [Fact]
    public async Task An_attempt_is_stored_with_its_reasons_identity_and_articles_and_audited_without_the_buyer()
    {
        var id = await Attempts.RecordAsync(Employee(1), null, Input(SuspicionReason.UndeclaredUse, SuspicionReason.UnusualQuantities));

        await using var db = await fixture.CreateDbContextAsync();
        var attempt = await db.SuspiciousAttempts.SingleAsync();
        Assert.Equal(id, attempt.Id);
        Assert.Equal(1, attempt.StoreId);
        Assert.Equal(fixture.Clock.GetUtcNow(), attempt.RecordedAt);
        Assert.Equal([SuspicionReason.UndeclaredUse, SuspicionReason.UnusualQuantities], attempt.Reasons);
        Assert.Equal("Paul Vendeur", attempt.ClerkName);
        Assert.Equal("Lefèvre", attempt.BuyerLastName);
        Assert.Equal("X4RTBPFW4", attempt.IdDocumentNumber);
        Assert.Equal("3 × Fusée (F2) — réf. 4006381333931\n1 × Batterie (F3) — réf. 5901234123457", attempt.Articles);
        var audit = await db.AuditEvents.SingleAsync(a => a.Action == AuditActions.SuspiciousAttemptRecorded);
        Assert.Equal(1, audit.StoreId);
        Assert.Equal(id.ToString(System.Globalization.CultureInfo.InvariantCulture), audit.TargetId);
        Assert.DoesNotContain("Lefèvre", audit.Details, StringComparison.Ordinal);
        using var details = JsonDocument.Parse(audit.Details!);
        Assert.Equal(["UndeclaredUse", "UnusualQuantities"], details.RootElement.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task An_attempt_without_a_reason_is_refused_in_French_and_nothing_is_stored()
    {
        var refused = await Assert.ThrowsAsync<InvalidInputException>(() => Attempts.RecordAsync(Employee(1), null, Input()));
        Assert.Equal("Cochez au moins un motif de refus.", refused.Message);
        var otherStore = await OtherStoreAsync();
        await Assert.ThrowsAsync<AccessDeniedException>(() => Attempts.RecordAsync(Employee(1), otherStore, Input(SuspicionReason.UnprovenIdentity)));

        await using var db = await fixture.CreateDbContextAsync();
        Assert.Equal(0, await db.SuspiciousAttempts.CountAsync());
        Assert.Equal(0, await db.AuditEvents.CountAsync(a => a.Action == AuditActions.SuspiciousAttemptRecorded));
    }

    [Fact]
    public async Task Admins_list_every_store_managers_their_own_and_employees_none()
    {
        var otherStore = await OtherStoreAsync();
        await Attempts.RecordAsync(Employee(1), null, Input(SuspicionReason.UndeclaredUse));
        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        await Attempts.RecordAsync(Employee(otherStore), null, Input(SuspicionReason.CashForLargePurchase));

        var all = await Attempts.ListAsync(Admin, new SuspiciousAttemptQuery(null, 0, 20));
        Assert.Equal(2, all.TotalCount);
        Assert.Equal(["Magasin du Port", "Magasin Principal"], all.Items.Select(a => a.StoreName));
        var mine = await Attempts.ListAsync(Manager(otherStore), new SuspiciousAttemptQuery(null, 0, 20));
        Assert.Equal([SuspicionReason.CashForLargePurchase], Assert.Single(mine.Items).Reasons);
        Assert.Equal("Lefèvre Élodie Marie", mine.Items[0].Buyer);
        await Assert.ThrowsAsync<AccessDeniedException>(() => Attempts.ListAsync(Manager(otherStore), new SuspiciousAttemptQuery(1, 0, 20)));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Attempts.ListAsync(Employee(1), new SuspiciousAttemptQuery(null, 0, 20)));
        var firstId = (await Attempts.ListAsync(Admin, new SuspiciousAttemptQuery(1, 0, 20))).Items.Single().Id;
        await Assert.ThrowsAsync<KeyNotFoundException>(() => Attempts.ReportAsync(Manager(otherStore), firstId));
    }

    [Fact]
    public async Task The_report_pdf_names_the_store_date_clerk_ticked_reasons_text_identity_and_articles()
    {
        var id = await Attempts.RecordAsync(Employee(1), null, Input(SuspicionReason.UnusualArticlesForUse, SuspicionReason.CashForLargePurchase));
        var recordedAt = TimeZoneInfo.ConvertTime(fixture.Clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris"))
            .ToString("dd/MM/yyyy HH:mm", System.Globalization.CultureInfo.InvariantCulture);

        var (fileName, write) = await Attempts.ReportAsync(Manager(1), id);
        using var output = new MemoryStream();
        await write(output, CancellationToken.None);

        Assert.Equal($"tentative-suspecte-{id}.pdf", fileName);
        using var pdf = PdfDocument.Open(output.ToArray());
        var text = string.Join(" ", pdf.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
        foreach (var expected in new[]
        {
            "Magasin Principal", recordedAt, "Paul Vendeur", "Articles inhabituels pour l'usage déclaré",
            "Insistance pour payer en espèces un achat important", "refusait de dire pour quel usage", "Lefèvre", "Élodie Marie", "14/06/1985",
            "X4RTBPFW4", "Préfecture du Rhône", "4006381333931", "Marc Responsable",
        })
        {
            Assert.Contains(expected, text, StringComparison.Ordinal);
        }
        Assert.DoesNotContain("Usage non déclaré", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Quantités inhabituelles", text, StringComparison.Ordinal);
        await using var db = await fixture.CreateDbContextAsync();
        Assert.Equal(1, await db.AuditEvents.CountAsync(a => a.Action == AuditActions.SuspiciousAttemptPrinted && a.TargetId == id.ToString()));
    }

    [Fact]
    public async Task The_purge_erases_attempts_past_the_retention_and_keeps_the_recent_ones()
    {
        var old = await Attempts.RecordAsync(Employee(1), null, Input(SuspicionReason.UnprovenIdentity));
        fixture.Clock.Advance(TimeSpan.FromDays(40));
        var recent = await Attempts.RecordAsync(Employee(1), null, Input(SuspicionReason.UnprovenIdentity));
        // Eighteen months and two days after the first attempt: its retention is over, not the second one's.
        fixture.Clock.SetUtcNow(fixture.Clock.GetUtcNow().AddDays(-40).AddMonths(RetentionRule.LegalMonths).AddDays(2));

        var purge = fixture.Services.GetRequiredService<PurgeService>();
        Assert.Equal(1, (await purge.PreviewAsync(Admin)).AttemptsConcerned);

        var result = await purge.RunAsync(Admin);

        Assert.Equal(1, result.AttemptsDeleted);
        await using var db = await fixture.CreateDbContextAsync();
        Assert.Equal([recent], await db.SuspiciousAttempts.Select(a => a.Id).ToListAsync());
        Assert.NotEqual(old, recent);
        var audit = await db.AuditEvents.SingleAsync(a => a.Action == AuditActions.Purge);
        using var details = JsonDocument.Parse(audit.Details!);
        Assert.Equal(1, details.RootElement.GetProperty("attemptsDeleted").GetInt64());
    }
}
