using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RegisFlow.Tests.Infrastructure;

namespace RegisFlow.Tests.Account;

/// <summary>Cookie-signing keys: shared by the app instances on one database, encrypted there with SESSION_SECRET.</summary>
public class SessionSecretTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private const string Secret = "un-secret-de-session-de-plus-de-32-caracteres";

    private AppFactory App(string? secret, string environment = "Development") => new(new Dictionary<string, string?>
    {
        ["ConnectionStrings:RegisFlow"] = fixture.ConnectionString,
        ["RegisFlow:DataDirectory"] = fixture.DataDirectory,
        ["RegisFlow:Jobs:RunServer"] = "false",
        ["BACKUP_ENCRYPTION_KEY"] = Convert.ToBase64String(new byte[32]),
        ["PHOTO_ENCRYPTION_KEY"] = Convert.ToBase64String(new byte[32]),
        ["SESSION_SECRET"] = secret,
        [WebHostDefaults.EnvironmentKey] = environment,
    });

    [Fact]
    public async Task A_cookie_protected_by_one_instance_is_read_by_another_with_the_same_secret_and_the_keys_are_encrypted_in_the_database()
    {
        await using var first = App(Secret);
        await using var second = App(Secret);
        first.CreateClient();
        second.CreateClient();

        var protectedByFirst = first.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("session");
        Assert.Equal("session", second.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(protectedByFirst));

        await using var db = await fixture.CreateDbContextAsync();
        var keys = await db.DataProtectionKeys.Select(k => k.Xml).ToListAsync();
        Assert.NotEmpty(keys);
        Assert.All(keys, xml =>
        {
            Assert.Contains("encryptedWithSessionSecret", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task An_instance_with_another_secret_cannot_read_those_cookies()
    {
        await using var first = App(Secret);
        first.CreateClient();
        var protectedByFirst = first.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("session");

        await using var other = App("un-autre-secret-de-session-tout-aussi-long-que-lui");
        other.CreateClient();

        Assert.ThrowsAny<CryptographicException>(() =>
            other.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(protectedByFirst));
    }

    [Theory]
    [InlineData(null, "openssl rand -base64 48")]
    [InlineData("trop-court", "au moins 32 caractères")]
    public void Production_refuses_to_start_without_a_long_enough_secret(string? secret, string message)
    {
        using var app = App(secret, "Production");

        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains(message, error.ToString(), StringComparison.Ordinal);
    }
}
