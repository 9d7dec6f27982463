using RegisFlow.Domain.Users;

namespace RegisFlow.Web.Features.Account;

/// <summary>What the login page says about a session that ended without its user logging out here.</summary>
public static class SessionEndMessages
{
    public const string QueryKey = "motif";

    private static readonly Dictionary<SessionEndReason, (string Motif, string Message)> Texts = new()
    {
        [SessionEndReason.Restored] = ("restauration",
            "Les données ont été restaurées depuis une sauvegarde : toutes les sessions ont été fermées. Reconnectez-vous."),
        [SessionEndReason.SignedOutEverywhere] = ("partout", "Votre compte a été déconnecté de tous les appareils. Reconnectez-vous."),
        [SessionEndReason.PasswordChanged] = ("mot-de-passe", "Le mot de passe de ce compte a changé : reconnectez-vous."),
        [SessionEndReason.AccountChanged] = ("compte", "Votre compte a été modifié par un administrateur : reconnectez-vous."),
        [SessionEndReason.Logout] = ("deconnexion", "Vous avez été déconnecté."),
        [SessionEndReason.Expired] = ("expiration", "Votre session a expiré : reconnectez-vous."),
    };

    public static string Motif(SessionEndReason reason) => Texts[reason].Motif;

    public static string? Message(SessionEndReason? reason) => reason is { } r ? Texts[r].Message : null;

    public static string? Message(string? motif) => Texts.Values.FirstOrDefault(t => t.Motif == motif).Message;
}
