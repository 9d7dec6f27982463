using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RegisFlow.Domain.Sales;

namespace RegisFlow.Tests.Sales;

public class SalesOptionsTests
{
    [Fact]
    public void The_minimum_ages_and_quantity_ceiling_default_to_18_and_50()
    {
        var options = new ServiceCollection().AddSales(new ConfigurationBuilder().Build()).BuildServiceProvider().GetRequiredService<SalesOptions>();

        Assert.Equal((18, 18, 50), (options.MinimumAgeF2, options.MinimumAgeF3, options.MaxQuantityPerLine));
    }

    [Fact]
    public void The_rules_are_read_from_the_regisflow_sales_section()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["RegisFlow:Sales:MinimumAgeF2"] = "16",
            ["RegisFlow:Sales:MaxQuantityPerLine"] = "20",
        }).Build();

        var options = new ServiceCollection().AddSales(configuration).BuildServiceProvider().GetRequiredService<SalesOptions>();

        Assert.Equal((16, 18, 20), (options.MinimumAgeF2, options.MinimumAgeF3, options.MaxQuantityPerLine));
        Assert.Equal(16, options.MinimumAge(FireworkCategory.F2));
        Assert.Equal(18, options.MinimumAge(FireworkCategory.F3));
    }
}
