namespace RegisFlow.Domain.Users;

/// <summary>
/// How a single display name of before (users.display_name, up to 2026-12) becomes a first and a last name: the last word
/// is the last name, the words before it the first name (« Jean-Pierre Martin » → Jean-Pierre, Martin). A name of one word
/// (« Administrateur ») goes to both, as neither may be empty: the administrator corrects it on the users page. A blank one
/// takes the user name for both. Used by the migration and by the restore of a backup made before it.
/// </summary>
internal static class LegacyDisplayName
{
    /// <summary>SQL that fills first_name and last_name of <paramref name="table"/> from its display_name.</summary>
    public static string FillNamesSql(string table)
    {
        const string trimmed = @"regexp_replace(display_name, '^\s+|\s+$', '', 'g')";
        return $"""
            UPDATE {table} SET
                first_name = left(CASE WHEN {trimmed} = '' THEN user_name
                                       WHEN {trimmed} ~ '\s' THEN regexp_replace({trimmed}, '\s+\S+$', '')
                                       ELSE {trimmed} END, 100),
                last_name = left(CASE WHEN {trimmed} = '' THEN user_name
                                      ELSE regexp_replace({trimmed}, '^.*\s', '') END, 100)
            """;
    }
}
