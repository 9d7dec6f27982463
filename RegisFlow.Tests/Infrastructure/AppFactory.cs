using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace RegisFlow.Tests.Infrastructure;

/// <summary>The real app, in process, on a given database and data folder.</summary>
public sealed class AppFactory(IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<Program>
{
    public static AppFactory For(DatabaseFixture database) => new(Settings(database));

    /// <summary>The settings <see cref="For"/> uses, to add to.</summary>
    public static Dictionary<string, string?> Settings(DatabaseFixture database) => new()
    {
        ["ConnectionStrings:RegisFlow"] = database.ConnectionString,
        ["RegisFlow:DataDirectory"] = database.DataDirectory,
        // No Hangfire server in tests (two cores shared); the job storage itself still works.
        ["RegisFlow:Jobs:RunServer"] = "false",
        // Nor the minute-by-minute alert monitor: tests call AlertMonitor.EvaluateAsync themselves.
        ["RegisFlow:Monitoring:RunMonitor"] = "false",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }
}
