namespace RegisFlow.Domain.Sales;

public enum PaymentMethod
{
    Card,
    Cash,
    Cheque,
    GiftCard,
    Other,
}

public static class PaymentMethodLabels
{
    public static string Label(this PaymentMethod method) => method switch
    {
        PaymentMethod.Card => "Carte Bancaire",
        PaymentMethod.Cash => "Espèce",
        PaymentMethod.Cheque => "Chèque",
        PaymentMethod.GiftCard => "Carte Cadeau",
        PaymentMethod.Other => "Autre",
        _ => method.ToString(),
    };
}
