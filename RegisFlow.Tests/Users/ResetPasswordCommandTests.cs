using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RegisFlow.Domain.Audit;
using RegisFlow.Domain.Data;
using RegisFlow.Domain.Users;
using RegisFlow.Tests.Infrastructure;
using RegisFlow.Web.Jobs;

namespace RegisFlow.Tests.Users;

/// <summary>The only administrator lost their password: the server's command line gives a temporary one.</summary>
public class ResetPasswordCommandTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task The_command_prints_a_temporary_password_that_signs_in_once_and_ends_the_old_sessions()
    {
        await fixture.ResetAsync();
        await fixture.Services.InitializeDatabaseAsync();
        var login = fixture.Services.GetRequiredService<LoginService>();
        var before = await login.ValidateAsync("admin", "admin123", "192.0.2.10");
        Assert.True(before.Succeeded);
        var sessions = fixture.Services.GetRequiredService<SessionService>();

        var output = new StringWriter();
        var code = await ResetPasswordCommand.RunAsync(["reset-password", "ADMIN", .. Settings()], output);

        Assert.Equal(0, code);
        var printed = output.ToString();
        var password = printed.Split('\n')[0].Split(" : ")[1].Trim();
        Assert.StartsWith("Mot de passe provisoire de « admin » : ", printed, StringComparison.Ordinal);
        Assert.False((await login.ValidateAsync("admin", "admin123", "192.0.2.10")).Succeeded);
        var after = await login.ValidateAsync("admin", password, "192.0.2.10");
        Assert.True(after.Succeeded);
        Assert.True(after.User!.MustChangePassword);
        Assert.Equal(SessionEndReason.PasswordChanged, await sessions.CheckAsync(before.SessionKey, before.User!.Id, before.User.SecurityStamp));
        await using var db = await fixture.CreateDbContextAsync();
        var audit = await db.AuditEvents.Where(e => e.Action == AuditActions.UserPasswordReset).SingleAsync();
        Assert.Contains("ligne de commande", audit.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_account_is_named_and_nothing_changes()
    {
        await fixture.ResetAsync();
        await fixture.Services.InitializeDatabaseAsync();
        string Hashes() => string.Join(",", fixture.CreateDbContextAsync().GetAwaiter().GetResult().Users.OrderBy(u => u.Id).Select(u => u.PasswordHash));
        var hashes = Hashes();

        var output = new StringWriter();
        var code = await ResetPasswordCommand.RunAsync(["reset-password", "inconnu", .. Settings()], output);

        Assert.Equal(1, code);
        Assert.Equal("Aucun compte « inconnu ».", output.ToString().Trim());
        Assert.Equal(hashes, Hashes());
    }

    private string[] Settings()
    {
        return [$"--ConnectionStrings:RegisFlow={fixture.ConnectionString}", $"--RegisFlow:DataDirectory={fixture.DataDirectory}",
            $"--RegisFlow:Backups:Key={NewKey()}",
            $"--RegisFlow:Photos:Key={NewKey()}"];
    }

    private static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
}
