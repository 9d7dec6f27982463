using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace RegisFlow.Domain.Sales;

public static class SalesServiceCollectionExtensions
{
    /// <summary>Sale entry: rules (section "RegisFlow:Sales") and the sale service.</summary>
    public static IServiceCollection AddSales(this IServiceCollection services, IConfiguration configuration)
    {
        var options = new SalesOptions();
        configuration.GetSection(SalesOptions.Section).Bind(options);
        services.AddSingleton(options);
        services.AddSingleton<SaleValidator>();
        services.AddSingleton<SaleService>();
        services.AddSingleton<ReturningBuyerService>();
        services.AddSingleton<Catalogue.CatalogueService>();
        return services;
    }
}
