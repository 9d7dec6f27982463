namespace RegisFlow.Domain.Suspicious;

/// <summary>The cases of article R.557-6-14-3 of the Code de l'environnement in which a sale is refused and may be reported.</summary>
public enum SuspicionReason
{
    UndeclaredUse,
    UnusualQuantities,
    UnusualArticlesForUse,
    UnprovenIdentity,
    CashForLargePurchase,
}

public static class SuspicionReasonLabels
{
    public static readonly IReadOnlyList<SuspicionReason> All = Enum.GetValues<SuspicionReason>();

    public static string Label(this SuspicionReason reason) => reason switch
    {
        SuspicionReason.UndeclaredUse => "Usage non déclaré",
        SuspicionReason.UnusualQuantities => "Quantités inhabituelles",
        SuspicionReason.UnusualArticlesForUse => "Articles inhabituels pour l'usage déclaré",
        SuspicionReason.UnprovenIdentity => "Identité non justifiée",
        SuspicionReason.CashForLargePurchase => "Insistance pour payer en espèces un achat important",
        _ => reason.ToString(),
    };
}
