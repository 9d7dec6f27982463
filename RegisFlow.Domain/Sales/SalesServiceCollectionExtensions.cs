using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RegisFlow.Domain.Photos;

namespace RegisFlow.Domain.Sales;

public static class SalesServiceCollectionExtensions
{
    /// <summary>Sale entry: rules (section "RegisFlow:Sales"), photo processing and the sale service.</summary>
    public static IServiceCollection AddSales(this IServiceCollection services, IConfiguration configuration)
    {
        var options = new SalesOptions();
        configuration.GetSection(SalesOptions.Section).Bind(options);
        services.AddSingleton(options);
        services.AddSingleton<SaleValidator>();
        services.AddSingleton<PhotoProcessor>();
        services.AddSingleton<SaleService>();
        return services;
    }
}
