namespace RegisFlow.Domain.Sales;

public enum IdDocumentType
{
    NationalIdCard,
    Passport,
    DrivingLicence,
    ResidencePermit,
}

public static class IdDocumentTypeLabels
{
    public static string Label(this IdDocumentType type) => type switch
    {
        IdDocumentType.NationalIdCard => "Carte Nationale d'Identité",
        IdDocumentType.Passport => "Passeport",
        IdDocumentType.DrivingLicence => "Permis de conduire",
        IdDocumentType.ResidencePermit => "Titre de séjour",
        _ => type.ToString(),
    };
}
