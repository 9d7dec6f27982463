using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using RegisFlow.Domain;

namespace RegisFlow.Tests.Deployment;

/// <summary>The start refused, one French line per problem, when a deployment secret is missing, too short or left as in the example.</summary>
public partial class ProductionSecretsTests
{
    private const string GoodSessionSecret = "un-secret-de-session-de-plus-de-32-caracteres";
    private const string GoodDatabasePassword = "0123456789abcdef0123";
    private static readonly string GoodBackupKey = Convert.ToBase64String(new byte[32]);
    private static readonly string GoodPhotoKey = Convert.ToBase64String(Enumerable.Repeat((byte)7, 32).ToArray());

    private static Dictionary<string, string?> Good() => new()
    {
        ["SESSION_SECRET"] = GoodSessionSecret,
        ["BACKUP_ENCRYPTION_KEY"] = GoodBackupKey,
        ["PHOTO_ENCRYPTION_KEY"] = GoodPhotoKey,
        ["POSTGRES_PASSWORD"] = GoodDatabasePassword,
        ["ConnectionStrings:RegisFlow"] = $"Host=db;Database=regisflow;Username=regisflow;Password={GoodDatabasePassword}",
    };

    private static IReadOnlyList<string> Problems(Dictionary<string, string?> settings, string environment = "Production") =>
        ProductionSecrets.Problems(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), new HostEnvironment(environment));

    [Fact]
    public void Well_chosen_secrets_start()
    {
        Assert.Empty(Problems(Good()));
    }

    [Theory]
    [InlineData("SESSION_SECRET", null, "SESSION_SECRET n'est pas configuré", "openssl rand -base64 48")]
    [InlineData("SESSION_SECRET", "court", "SESSION_SECRET doit compter au moins 32 caractères (il en a 5)", "openssl rand -base64 48")]
    [InlineData("SESSION_SECRET", "A_REMPLACER_par_openssl_rand_base64_48", "SESSION_SECRET est encore la valeur d'exemple", "openssl rand -base64 48")]
    [InlineData("BACKUP_ENCRYPTION_KEY", null, "BACKUP_ENCRYPTION_KEY n'est pas configurée", "openssl rand -base64 32")]
    [InlineData("BACKUP_ENCRYPTION_KEY", "AAAAAAAAAAAAAAAAAAAAAA==", "doit faire 32 octets", "celle fournie en fait 16")]
    [InlineData("BACKUP_ENCRYPTION_KEY", "pas du base64 !", "n'est pas du base64 valide", "openssl rand -base64 32")]
    [InlineData("BACKUP_ENCRYPTION_KEY", "A_REMPLACER_par_openssl_rand_base64_32", "BACKUP_ENCRYPTION_KEY est encore la valeur d'exemple", "openssl rand -base64 32")]
    [InlineData("PHOTO_ENCRYPTION_KEY", null, "PHOTO_ENCRYPTION_KEY n'est pas configurée", "openssl rand -base64 32")]
    [InlineData("PHOTO_ENCRYPTION_KEY", "AAAAAAAAAAAAAAAAAAAAAA==", "La clé de chiffrement des photos (PHOTO_ENCRYPTION_KEY) doit faire 32 octets", "celle fournie en fait 16")]
    [InlineData("PHOTO_ENCRYPTION_KEY", "pas du base64 !", "n'est pas du base64 valide", "openssl rand -base64 32")]
    [InlineData("PHOTO_ENCRYPTION_KEY", "A_REMPLACER_par_openssl_rand_base64_32", "PHOTO_ENCRYPTION_KEY est encore la valeur d'exemple", "openssl rand -base64 32")]
    [InlineData("POSTGRES_PASSWORD", "A_REMPLACER_par_openssl_rand_hex_24", "POSTGRES_PASSWORD est encore la valeur d'exemple", "openssl rand -hex 24")]
    [InlineData("POSTGRES_PASSWORD", "trop-court", "POSTGRES_PASSWORD doit compter au moins 16 caractères (il en a 10)", "openssl rand -hex 24")]
    public void A_weak_secret_refuses_the_start_with_one_line_saying_which_and_how_to_make_one(string key, string? value, string problem, string advice)
    {
        var settings = Good();
        settings[key] = value;
        if (key == "POSTGRES_PASSWORD")
        {
            // As compose builds it: the same password in the connection string; said once, under the name the operator edits.
            settings["ConnectionStrings:RegisFlow"] = $"Host=db;Database=regisflow;Username=regisflow;Password={value}";
        }

        var line = Assert.Single(Problems(settings));

        Assert.Contains(problem, line, StringComparison.Ordinal);
        Assert.Contains(advice, line, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', line);
    }

    [Fact]
    public void The_password_inside_DATABASE_URL_is_checked_too()
    {
        var settings = Good();
        settings.Remove("ConnectionStrings:RegisFlow");
        settings.Remove("POSTGRES_PASSWORD");
        settings["DATABASE_URL"] = "postgres://regisflow:court@db:5432/regisflow";

        var line = Assert.Single(Problems(settings));

        Assert.StartsWith("Le mot de passe de la base dans DATABASE_URL doit compter au moins 16 caractères", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Outside_production_missing_secrets_are_allowed_but_an_example_or_short_one_is_not()
    {
        Assert.Empty(Problems([], "Development"));
        Assert.Single(Problems(new() { ["SESSION_SECRET"] = "court" }, "Development"));
        Assert.Single(Problems(new() { ["BACKUP_ENCRYPTION_KEY"] = "A_REMPLACER" }, "Development"));
    }

    [Fact]
    public void Every_secret_of_the_example_env_file_is_refused_as_an_example()
    {
        var example = ExampleSettings();
        var settings = Good();
        foreach (var key in new[] { "SESSION_SECRET", "BACKUP_ENCRYPTION_KEY", "PHOTO_ENCRYPTION_KEY", "POSTGRES_PASSWORD" })
        {
            settings[key] = example[key];
        }
        settings["ConnectionStrings:RegisFlow"] = $"Host=db;Database=regisflow;Username=regisflow;Password={example["POSTGRES_PASSWORD"]}";

        var problems = Problems(settings);

        Assert.Equal(4, problems.Count);
        Assert.All(problems, p => Assert.Contains("valeur d'exemple de .env.production.example", p, StringComparison.Ordinal));
    }

    [Fact]
    public void The_example_env_file_names_every_setting_of_the_readme()
    {
        var readme = File.ReadAllText(Repository.PathOf("README.md"));
        var settings = ReadmeSetting().Matches(readme).Select(m => m.Groups[1].Value).Distinct().ToList();
        var example = File.ReadAllText(Repository.PathOf("docker/.env.production.example"));

        Assert.NotEmpty(settings);
        Assert.All(settings, setting => Assert.Contains(setting, example, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_app_started_in_production_with_the_example_secrets_prints_one_line_each_and_exits()
    {
        var example = ExampleSettings();
        var run = await Command.RunAsync("dotnet", [Path.Combine(AppContext.BaseDirectory, "RegisFlow.Web.dll")], TimeSpan.FromMinutes(2),
            new Dictionary<string, string>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["SESSION_SECRET"] = example["SESSION_SECRET"]!,
                ["BACKUP_ENCRYPTION_KEY"] = example["BACKUP_ENCRYPTION_KEY"]!,
                ["PHOTO_ENCRYPTION_KEY"] = example["PHOTO_ENCRYPTION_KEY"]!,
                ["POSTGRES_PASSWORD"] = example["POSTGRES_PASSWORD"]!,
                ["DATABASE_URL"] = $"postgres://regisflow:{example["POSTGRES_PASSWORD"]}@127.0.0.1:9/regisflow",
                ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
            },
            workingDirectory: AppContext.BaseDirectory);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("", run.Output);
        var lines = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.All(lines, l => Assert.Contains("valeur d'exemple", l, StringComparison.Ordinal));
    }

    /// <summary>KEY=VALUE lines of docker/.env.production.example.</summary>
    private static Dictionary<string, string?> ExampleSettings() =>
        File.ReadAllLines(Repository.PathOf("docker/.env.production.example"))
            .Where(line => line.Length > 0 && line[0] != '#' && line.Contains('=', StringComparison.Ordinal))
            .Select(line => line.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => (string?)pair[1]);

    /// <summary>The variable names of the README's settings table (first column, in backquotes); the metrics and
    /// PostgreSQL tables, whose names are lower case, are not settings of the app.</summary>
    [GeneratedRegex(@"^\| `([A-Z][A-Za-z0-9_]+)`", RegexOptions.Multiline)]
    private static partial Regex ReadmeSetting();

    private sealed class HostEnvironment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "RegisFlow";
        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
