namespace RegisFlow.Domain.Database;

public sealed class PostgresNotFoundException() : Exception(
    "PostgreSQL est introuvable sur cette machine : installez-le (en root : apt-get update && apt-get install -y postgresql) "
    + "ou indiquez un serveur existant avec ConnectionStrings__RegisFlow ou DATABASE_URL.");
