using Microsoft.Extensions.DependencyInjection;
using RegisFlow.Domain.Exports;

namespace RegisFlow.Domain.History;

public static class HistoryServices
{
    /// <summary>The history of sales and its exports (CSV, PDF, Excel).</summary>
    public static IServiceCollection AddHistory(this IServiceCollection services)
    {
        services.AddSingleton<SaleHistoryService>();
        services.AddSingleton<ExportService>();
        services.AddSingleton<ISaleExporter, CsvSaleExporter>();
        services.AddSingleton<ISaleExporter, PdfSaleExporter>();
        services.AddSingleton<ISaleExporter, XlsxSaleExporter>();
        return services;
    }
}
