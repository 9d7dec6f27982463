using RegisFlow.Domain.Backups;
using RegisFlow.Web.Features.Account;

namespace RegisFlow.Web.Features.Admin;

public static class BackupDownload
{
    /// <summary>GET /administration/sauvegardes/{fileName}: a stored backup, streamed, to administrators only.</summary>
    public static IEndpointRouteBuilder MapBackupDownload(this IEndpointRouteBuilder app)
    {
        app.MapGet("/administration/sauvegardes/{fileName}", async (string fileName, HttpContext http, BackupService backups) =>
        {
            var caller = CallerClaims.ToCaller(http.User, http.Connection.RemoteIpAddress?.ToString());
            if (caller is null)
            {
                return Results.Unauthorized();
            }
            try
            {
                var stream = await backups.OpenReadAsync(caller, fileName, http.RequestAborted);
                return Results.File(stream, "application/octet-stream", fileName, enableRangeProcessing: false);
            }
            catch (Domain.Users.AccessDeniedException)
            {
                return Results.Forbid();
            }
            catch (BackupException)
            {
                return Results.NotFound();
            }
        }).RequireAuthorization(policy => policy.RequireRole(nameof(Domain.Users.UserRole.Admin)));
        return app;
    }
}
