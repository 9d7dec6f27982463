using Microsoft.Extensions.Configuration;
using Npgsql;

namespace RegisFlow.Domain.Database;

public static class DatabaseUrl
{
    /// <summary>
    /// The configured server, from ConnectionStrings:RegisFlow or DATABASE_URL (postgres://user:pass@host:port/db),
    /// or null when none is configured and the app should run its own private server.
    /// </summary>
    public static string? ConfiguredConnectionString(IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString("RegisFlow");
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            return connectionString;
        }
        var url = configuration["DATABASE_URL"];
        return string.IsNullOrWhiteSpace(url) ? null : ToConnectionString(url);
    }

    public static string ToConnectionString(string url)
    {
        var uri = new Uri(url);
        if (uri.Scheme is not ("postgres" or "postgresql"))
        {
            throw new FormatException($"DATABASE_URL doit commencer par postgres:// ou postgresql:// (reçu : {uri.Scheme}://).");
        }
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port,
            Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')),
        };
        var userInfo = uri.UserInfo.Split(':', 2);
        if (userInfo[0].Length > 0)
        {
            builder.Username = Uri.UnescapeDataString(userInfo[0]);
        }
        if (userInfo.Length == 2)
        {
            builder.Password = Uri.UnescapeDataString(userInfo[1]);
        }
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=', 2);
            if (parts.Length == 2 && parts[0].Equals("sslmode", StringComparison.OrdinalIgnoreCase))
            {
                builder.SslMode = Enum.Parse<SslMode>(parts[1], ignoreCase: true);
            }
        }
        return builder.ConnectionString;
    }
}
