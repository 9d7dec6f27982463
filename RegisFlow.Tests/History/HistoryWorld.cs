using RegisFlow.Domain.Data;
using RegisFlow.Domain.Users;

namespace RegisFlow.Tests.History;

/// <summary>Two stores with their people: the seeded "Magasin Principal" and "Magasin d'Arlès".</summary>
public sealed record HistoryWorld(int MainStore, int OtherStore, Caller Admin, Caller Manager, Caller Employee, Caller OtherManager)
{
    public static async Task<HistoryWorld> CreateAsync(RegisFlowDbContext db)
    {
        var main = db.Stores.Single().Id;
        var other = (await TestSales.AddStoreAsync(db, "Magasin d'Arlès")).Id;
        var admin = db.Users.Single(u => u.Role == UserRole.Admin);
        return new HistoryWorld(
            main,
            other,
            TestSales.CallerFor(admin),
            TestSales.CallerFor(await TestSales.AddUserAsync(db, "gerant", UserRole.Manager, main)),
            TestSales.CallerFor(await TestSales.AddUserAsync(db, "employe", UserRole.Employee, main)),
            TestSales.CallerFor(await TestSales.AddUserAsync(db, "gerant-arles", UserRole.Manager, other)));
    }
}
