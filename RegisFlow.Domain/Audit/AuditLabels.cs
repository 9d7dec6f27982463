using System.Globalization;
using System.Text.Json;

namespace RegisFlow.Domain.Audit;

/// <summary>The audit journal in French: each action's name, what it concerns, and its details as a line of text.</summary>
public static class AuditLabels
{
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    public static readonly IReadOnlyDictionary<string, string> Actions = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [AuditActions.LoginSucceeded] = "Connexion",
        [AuditActions.LoginFailed] = "Échec de connexion",
        [AuditActions.LoginLockedOut] = "Connexion bloquée (trop d'échecs)",
        [AuditActions.Logout] = "Déconnexion",
        [AuditActions.SessionsEnded] = "Sessions fermées partout",
        [AuditActions.PasswordChanged] = "Mot de passe changé",
        [AuditActions.UserCreated] = "Utilisateur créé",
        [AuditActions.UserUpdated] = "Utilisateur modifié",
        [AuditActions.UserPasswordReset] = "Mot de passe réinitialisé",
        [AuditActions.UserDeleted] = "Utilisateur supprimé",
        [AuditActions.StoreCreated] = "Magasin créé",
        [AuditActions.StoreUpdated] = "Magasin modifié",
        [AuditActions.StoreDeleted] = "Magasin supprimé",
        [AuditActions.SaleCreated] = "Vente enregistrée",
        [AuditActions.SaleRefused] = "Vente refusée (saisie incomplète)",
        [AuditActions.SaleViewed] = "Détail d'une vente ouvert",
        [AuditActions.PhotoViewed] = "Photo consultée",
        [AuditActions.SaleDeleted] = "Vente supprimée",
        [AuditActions.Export] = "Export du registre",
        [AuditActions.InspectionRegister] = "Registre pour contrôle",
        [AuditActions.AuditExported] = "Export du journal d'audit",
        [AuditActions.BackupCreated] = "Sauvegarde",
        [AuditActions.BackupFailed] = "Sauvegarde en échec",
        [AuditActions.BackupDownloaded] = "Sauvegarde téléchargée",
        [AuditActions.BackupRestored] = "Restauration",
        [AuditActions.Purge] = "Purge",
        [AuditActions.IntegrityChecked] = "Vérification d'intégrité",
        [AuditActions.SalesChained] = "Chaîne d'intégrité calculée",
        [AuditActions.CatalogueChanged] = "Catalogue modifié",
        [AuditActions.CatalogueImported] = "Catalogue importé (CSV)",
        [AuditActions.ReturningBuyerViewed] = "Client déjà venu : informations reprises",
        [AuditActions.AccessDenied] = "Accès refusé",
        [AuditActions.AdminSeeded] = "Installation",
        [AuditActions.SuspiciousAttemptRecorded] = "Tentative suspecte signalée (vente refusée)",
        [AuditActions.SuspiciousAttemptPrinted] = "Rapport de tentative suspecte édité",
    };

    private static readonly Dictionary<string, string> Keys = new(StringComparer.Ordinal)
    {
        ["saleNumber"] = "vente n°",
        ["saleId"] = "vente n°",
        ["reason"] = "motif",
        ["format"] = "format",
        ["sales"] = "ventes",
        ["completed"] = "terminé",
        ["store"] = "magasin",
        ["storeId"] = "magasin n°",
        ["from"] = "du",
        ["to"] = "au",
        ["category"] = "catégorie",
        ["payment"] = "paiement",
        ["search"] = "recherche",
        ["photos"] = "photos",
        ["lines"] = "lignes",
        ["kind"] = "photo",
        ["fileName"] = "fichier",
        ["sizeBytes"] = "octets",
        ["salesDeleted"] = "ventes effacées",
        ["cutoff"] = "avant le",
        ["retentionMonths"] = "conservation (mois)",
        ["backupsDeleted"] = "sauvegardes supprimées",
        ["auditRowsCleared"] = "lignes d'audit allégées",
        ["summary"] = "résultat",
        ["passed"] = "réussie",
        ["error"] = "erreur",
        ["rows"] = "lignes",
        ["userName"] = "identifiant",
        ["displayName"] = "nom",
        ["firstName"] = "prénom",
        ["lastName"] = "nom",
        ["email"] = "e-mail",
        ["role"] = "rôle",
        ["isActive"] = "actif",
        ["before"] = "avant",
        ["after"] = "après",
        ["name"] = "nom",
        ["lockedUntil"] = "bloqué jusqu'au",
        ["source"] = "origine",
        ["backupCreatedAt"] = "sauvegarde du",
        ["counts"] = "lignes par table",
        ["reasons"] = "motifs",
        ["operation"] = "opération",
        ["requestedStoreId"] = "magasin demandé",
        ["user"] = "utilisateur",
        ["action"] = "action",
        ["chained"] = "ventes chaînées",
        ["attemptId"] = "tentative n°",
        ["attemptsDeleted"] = "tentatives suspectes effacées",
    };

    // Details that only the machines read.
    private static readonly HashSet<string> Hidden = new(StringComparer.Ordinal) { "brokenStoreId", "stores" };

    public static string Action(string action) => Actions.TryGetValue(action, out var label) ? label : action;

    public static string Target(string? type, string? id) => (type?.ToLowerInvariant(), id) switch
    {
        (_, null) or (null, _) => "",
        ("sale", var number) => $"Vente n° {number}",
        ("user", var number) => $"Utilisateur n° {number}",
        ("store", var number) => $"Magasin n° {number}",
        ("backup", var file) => $"Sauvegarde {file}",
        ("suspiciousattempt", var number) => $"Tentative suspecte n° {number}",
        (var other, var value) => $"{other} {value}",
    };

    /// <summary>"vente n° : 12 · motif : erreur de saisie" from the row's JSON details; dates in the shops' time.</summary>
    public static string Details(string? json, TimeZoneInfo zone)
    {
        if (string.IsNullOrEmpty(json))
        {
            return "";
        }
        using var document = JsonDocument.Parse(json);
        return Value(document.RootElement, zone);
    }

    private static string Value(JsonElement element, TimeZoneInfo zone) => element.ValueKind switch
    {
        JsonValueKind.Object => string.Join(" · ", element.EnumerateObject()
            .Where(p => !Hidden.Contains(p.Name) && p.Value.ValueKind != JsonValueKind.Null)
            .Select(p => $"{(Keys.TryGetValue(p.Name, out var key) ? key : p.Name)} : {Value(p.Value, zone)}")),
        JsonValueKind.Array => "[" + string.Join(", ", element.EnumerateArray().Select(e => Value(e, zone))) + "]",
        JsonValueKind.True => "oui",
        JsonValueKind.False => "non",
        JsonValueKind.String when element.GetString() is { Length: > 10 } text && text[10] == 'T'
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant) =>
            TimeZoneInfo.ConvertTime(instant, zone).ToString("dd/MM/yyyy HH:mm", French),
        JsonValueKind.String => element.GetString() ?? "",
        _ => element.GetRawText(),
    };
}
