namespace RegisFlow.Domain.Sales;

/// <summary>Regulated list of firework article types.</summary>
public enum ArticleType
{
    FuseFirecracker,
    Battery,
    BatteryNeedingSupport,
    Combination,
    CombinationNeedingSupport,
    AerialFirecracker,
    FlashFirecracker,
    Rocket,
    RomanCandle,
    SingleShotCandle,
    Fountain,
}

public enum FireworkCategory
{
    F2,
    F3,
}

public static class ArticleCatalog
{
    public static string Label(this ArticleType type) => type switch
    {
        ArticleType.FuseFirecracker => "Pétard à mèche",
        ArticleType.Battery => "Batterie",
        ArticleType.BatteryNeedingSupport => "Batterie nécessitant un support externe",
        ArticleType.Combination => "Combinaison",
        ArticleType.CombinationNeedingSupport => "Combinaison nécessitant un support externe",
        ArticleType.AerialFirecracker => "Pétard aérien",
        ArticleType.FlashFirecracker => "Pétard à composition flash",
        ArticleType.Rocket => "Fusée",
        ArticleType.RomanCandle => "Chandelle romaine",
        ArticleType.SingleShotCandle => "Chandelle monocoup",
        ArticleType.Fountain => "Fontaine",
        _ => type.ToString(),
    };

    private static readonly FireworkCategory[] F3Only = [FireworkCategory.F3];
    private static readonly FireworkCategory[] F2OrF3 = [FireworkCategory.F2, FireworkCategory.F3];
    private static readonly FireworkCategory[] F2Only = [FireworkCategory.F2];

    /// <summary>Categories a given article type may be sold under.</summary>
    public static IReadOnlyList<FireworkCategory> AllowedCategories(this ArticleType type) => type switch
    {
        ArticleType.AerialFirecracker or ArticleType.Rocket or ArticleType.RomanCandle or ArticleType.SingleShotCandle => F2OrF3,
        ArticleType.Fountain => F2Only,
        _ => F3Only,
    };

    public static bool Allows(this ArticleType type, FireworkCategory category) => type.AllowedCategories().Contains(category);
}
