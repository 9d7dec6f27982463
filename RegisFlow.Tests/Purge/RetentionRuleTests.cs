using Bunit;
using Microsoft.Extensions.DependencyInjection;
using RegisFlow.Domain;
using RegisFlow.Domain.Purge;
using RegisFlow.Tests.History;
using RegisFlow.Tests.Infrastructure;
using RegisFlow.Web.Features.Admin;

namespace RegisFlow.Tests.Purge;

/// <summary>The law's 18 months, counted in the shops' dates.</summary>
public class RetentionRuleTests
{
    [Theory]
    // A sale of 15 March 2025 is kept through 15 September 2026 and erased in the night of 15 to 16 September.
    [InlineData("2025-03-15", "2026-09-15", false)]
    [InlineData("2025-03-15", "2026-09-16", true)]
    // A month without that day: kept through its last day.
    [InlineData("2025-08-31", "2027-02-28", false)]
    [InlineData("2025-08-31", "2027-03-01", true)]
    [InlineData("2024-08-29", "2026-02-28", false)]
    [InlineData("2024-02-29", "2025-08-29", false)]
    [InlineData("2024-02-29", "2025-08-30", true)]
    public void A_sale_is_kept_through_the_same_day_18_months_later(string sold, string today, bool erased) =>
        Assert.Equal(erased, RetentionRule.IsExpired(DateOnly.Parse(sold, System.Globalization.CultureInfo.InvariantCulture),
            DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture), RetentionRule.LegalMonths));

    [Fact]
    public void The_cutoff_is_midnight_in_Paris_starting_the_first_day_still_kept()
    {
        // 02:00 in Paris on 16 September 2026: everything of 15 March 2025 and before goes, 16 March 2025 stays.
        var cutoff = RetentionRule.Cutoff(TestSales.AtParis(2026, 9, 16, 2), TestSales.Paris, 18);
        Assert.Equal(TestSales.AtParis(2025, 3, 16, 0), cutoff);
        Assert.Equal(new DateTimeOffset(2025, 3, 15, 23, 0, 0, TimeSpan.Zero), cutoff);
    }

    [Fact]
    public void On_the_first_of_a_month_every_longer_month_end_is_erased_at_once()
    {
        // 1 March 2027: 28, 29, 30 and 31 August 2025 all reached their last kept day on 28 February 2027.
        Assert.Equal(new DateOnly(2025, 8, 31), RetentionRule.LastExpiredDay(new DateOnly(2027, 3, 1), 18));
        Assert.Equal(new DateOnly(2025, 8, 27), RetentionRule.LastExpiredDay(new DateOnly(2027, 2, 28), 18));
    }
}

public class RetentionWarningTests : ComponentTestBase
{
    [Theory]
    [InlineData(18, false)]
    [InlineData(12, false)]
    [InlineData(24, true)]
    public void The_administration_page_warns_when_the_retention_exceeds_the_legal_18_months(int months, bool warned)
    {
        Services.AddSingleton(new RegisFlowOptions { DataRetentionMonths = months });

        var warning = Render<RetentionWarning>();

        Assert.Equal(warned, warning.FindAll("[data-testid=retention-warning]").Count == 1);
        if (warned)
        {
            Assert.Contains("DATA_RETENTION_MONTHS = 24 mois", warning.Markup, StringComparison.Ordinal);
            Assert.Contains("R.557-6-14-2", warning.Markup, StringComparison.Ordinal);
        }
    }
}
