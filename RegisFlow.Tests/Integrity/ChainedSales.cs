using Microsoft.Extensions.DependencyInjection;
using RegisFlow.Domain.Photos;
using RegisFlow.Domain.Sales;
using RegisFlow.Domain.Users;
using RegisFlow.Tests.Backups;
using RegisFlow.Tests.History;
using RegisFlow.Tests.Sales;

namespace RegisFlow.Tests.Integrity;

/// <summary>Sales recorded through the sale service, as the form records them: checked, with their photos, chained.</summary>
internal static class ChainedSales
{
    /// <summary>Small photos (quick to process on a busy machine), different for each <paramref name="seed"/>.</summary>
    public static List<PhotoUpload> Photos(int seed = 1) =>
    [
        new(PhotoKind.IdFront, new ProcessedPhoto(TestSales.Jpeg(seed, 160, 120), 160, 120)),
        new(PhotoKind.IdBack, new ProcessedPhoto(TestSales.Jpeg(seed + 1, 160, 120), 160, 120)),
        new(PhotoKind.Receipt, new ProcessedPhoto(TestSales.Jpeg(seed + 2, 120, 160), 120, 160)),
    ];

    /// <summary>A valid sale in <paramref name="storeId"/> for the buyer <paramref name="lastName"/>; returns its number.</summary>
    public static Task<long> RecordAsync(this IServiceProvider services, int storeId, string lastName = "Lefèvre", Caller? caller = null)
    {
        var input = SaleSamples.ValidInput();
        input.BuyerLastName = lastName;
        return services.GetRequiredService<SaleService>().CreateAsync(caller ?? RegisterData.Admin, storeId, input, Photos(lastName.Length));
    }
}
