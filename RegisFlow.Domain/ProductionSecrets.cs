using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Npgsql;
using RegisFlow.Domain.Backups;
using RegisFlow.Domain.Database;
using RegisFlow.Domain.Photos;

namespace RegisFlow.Domain;

/// <summary>
/// The secrets a deployment sets itself (docker/.env.production.example). The web app refuses to start when one is
/// too short or still the example value, and in Production when one is missing: one French line per problem, all
/// of them at once so that a single edit of the env file fixes the start. (The restore command needs only the
/// backup and photo keys, whose absence <see cref="BackupKey.Resolve"/> and <see cref="PhotoKey.Resolve"/> refuse with
/// the same lines.)
/// </summary>
public static class ProductionSecrets
{
    public const string SessionSecretKey = "SESSION_SECRET";
    public const int SessionSecretMinimumLength = 32;
    public const string PostgresPasswordKey = "POSTGRES_PASSWORD";
    public const int DatabasePasswordMinimumLength = 16;

    /// <summary>Every secret of docker/.env.production.example holds it, so a copy left unedited is recognised.</summary>
    public const string ExampleMarker = "A_REMPLACER";

    public const string MissingBackupKey =
        $"{BackupKey.EnvironmentKey} n'est pas configurée : RegisFlow refuse de démarrer en production sans clé de chiffrement des sauvegardes. "
        + "Générez-la avec « openssl rand -base64 32 », mettez-la dans .env.production et gardez-en une copie hors du serveur : "
        + "sans elle, les sauvegardes sont illisibles.";

    public const string MissingPhotoKey =
        $"{PhotoKey.EnvironmentKey} n'est pas configurée : RegisFlow refuse de démarrer en production sans clé de chiffrement des photos. "
        + "Générez-la avec « openssl rand -base64 32 », mettez-la dans .env.production et gardez-en une copie hors du serveur, avec celle "
        + "des sauvegardes : sans elle, les photos des ventes sont illisibles.";

    /// <summary>Throws <see cref="StartupRefusedException"/> listing every problem, if there is any.</summary>
    public static void Enforce(IConfiguration configuration, IHostEnvironment environment)
    {
        var problems = Problems(configuration, environment);
        if (problems.Count > 0)
        {
            throw new StartupRefusedException(problems);
        }
    }

    public static IReadOnlyList<string> Problems(IConfiguration configuration, IHostEnvironment environment)
    {
        var production = environment.IsProduction();
        var problems = new List<string>();
        problems.AddRange(SessionSecretProblem(configuration[SessionSecretKey], production));
        problems.AddRange(KeyProblem(BackupKey.Setting, configuration, MissingBackupKey, production));
        problems.AddRange(KeyProblem(PhotoKey.Setting, configuration, MissingPhotoKey, production));
        if (production)
        {
            problems.AddRange(DatabasePasswordProblems(configuration));
        }
        return problems;
    }

    private static IEnumerable<string> SessionSecretProblem(string? secret, bool production)
    {
        const string howTo = "générez-le avec « openssl rand -base64 48 » et mettez-le dans .env.production.";
        if (string.IsNullOrEmpty(secret))
        {
            if (production)
            {
                yield return $"{SessionSecretKey} n'est pas configuré : RegisFlow refuse de démarrer en production sans lui ; {howTo}";
            }
        }
        else if (IsExample(secret))
        {
            yield return $"{SessionSecretKey} est encore la valeur d'exemple de .env.production.example : {howTo}";
        }
        else if (secret.Length < SessionSecretMinimumLength)
        {
            yield return $"{SessionSecretKey} doit compter au moins {SessionSecretMinimumLength} caractères (il en a {secret.Length}) : {howTo}";
        }
    }

    private static IEnumerable<string> KeyProblem(KeySetting setting, IConfiguration configuration, string missing, bool production)
    {
        var key = setting.Configured(configuration);
        if (string.IsNullOrWhiteSpace(key))
        {
            if (production)
            {
                yield return missing;
            }
            yield break;
        }
        if (IsExample(key))
        {
            yield return $"{setting.EnvironmentKey} est encore la valeur d'exemple de .env.production.example : "
                + "générez la clé avec « openssl rand -base64 32 » et gardez-en une copie hors du serveur.";
            yield break;
        }
        string? refusal = null;
        try
        {
            setting.Parse(key);
        }
        catch (InvalidOperationException e)
        {
            refusal = e.Message;
        }
        if (refusal is not null)
        {
            yield return refusal;
        }
    }

    /// <summary>The password of the configured database server, and POSTGRES_PASSWORD when it is given and differs.</summary>
    private static IEnumerable<string> DatabasePasswordProblems(IConfiguration configuration)
    {
        var postgresPassword = configuration[PostgresPasswordKey];
        string? connectionPassword;
        string source;
        try
        {
            var connectionString = DatabaseUrl.ConfiguredConnectionString(configuration);
            connectionPassword = connectionString is null ? null : new NpgsqlConnectionStringBuilder(connectionString).Password;
            source = string.IsNullOrWhiteSpace(configuration.GetConnectionString("RegisFlow")) ? "DATABASE_URL" : "ConnectionStrings__RegisFlow";
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            return [$"La base de données configurée (DATABASE_URL ou ConnectionStrings__RegisFlow) est illisible : {e.Message}"];
        }

        var problems = new List<string>();
        if (connectionPassword is not null)
        {
            var name = connectionPassword == postgresPassword ? PostgresPasswordKey : $"Le mot de passe de la base dans {source}";
            problems.AddRange(DatabasePasswordProblem(name, connectionPassword));
        }
        if (!string.IsNullOrEmpty(postgresPassword) && postgresPassword != connectionPassword)
        {
            problems.AddRange(DatabasePasswordProblem(PostgresPasswordKey, postgresPassword));
        }
        return problems;
    }

    private static IEnumerable<string> DatabasePasswordProblem(string name, string password)
    {
        const string howTo = "choisissez-en un avec « openssl rand -hex 24 » (dans .env.production, avant la première création de la base).";
        if (IsExample(password))
        {
            yield return $"{name} est encore la valeur d'exemple de .env.production.example : {howTo}";
        }
        else if (password.Length < DatabasePasswordMinimumLength)
        {
            yield return $"{name} doit compter au moins {DatabasePasswordMinimumLength} caractères (il en a {password.Length}) : {howTo}";
        }
    }

    private static bool IsExample(string value) => value.Contains(ExampleMarker, StringComparison.OrdinalIgnoreCase);
}

/// <summary>The app cannot start as configured; the message is the French lines that say what to change.</summary>
public sealed class StartupRefusedException(IReadOnlyList<string> problems)
    : InvalidOperationException(string.Join(Environment.NewLine, problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;

    /// <summary>
    /// For AppDomain.UnhandledException: a refused start prints its lines to the error output and exits with code 1,
    /// instead of a stack trace. Other exceptions are left to the runtime.
    /// </summary>
    public static void PrintAndExit(object sender, UnhandledExceptionEventArgs e)
    {
        if (e.ExceptionObject is StartupRefusedException refused)
        {
            Console.Error.WriteLine(refused.Message);
            Environment.Exit(1);
        }
    }
}
