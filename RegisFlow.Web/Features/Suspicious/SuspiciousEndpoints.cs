using RegisFlow.Domain.Suspicious;
using RegisFlow.Domain.Users;
using RegisFlow.Web.Features.Account;

namespace RegisFlow.Web.Features.Suspicious;

public static class SuspiciousEndpoints
{
    public static string PdfUrl(long id) => $"/tentatives-suspectes/{id}.pdf";

    /// <summary>GET /tentatives-suspectes/{id}.pdf : an attempt's report for the authorities, scoped by the service.</summary>
    public static WebApplication MapSuspiciousEndpoints(this WebApplication app)
    {
        app.MapGet("/tentatives-suspectes/{id:long}.pdf", PdfAsync)
            .RequireAuthorization(p => p.RequireRole(nameof(UserRole.Admin), nameof(UserRole.Manager)));
        return app;
    }

    private static async Task<IResult> PdfAsync(long id, HttpContext http, SuspiciousAttemptService attempts)
    {
        var caller = CallerClaims.ToCaller(http.User, http.Connection.RemoteIpAddress?.ToString());
        if (caller is null)
        {
            return Results.Unauthorized();
        }
        try
        {
            var (fileName, write) = await attempts.ReportAsync(caller, id, http.RequestAborted);
            http.Response.Headers.CacheControl = "no-store";
            return Results.Stream(body => write(body, http.RequestAborted), "application/pdf", fileName);
        }
        catch (AccessDeniedException e)
        {
            return Results.Text(e.Message, "text/plain; charset=utf-8", statusCode: StatusCodes.Status403Forbidden);
        }
        catch (KeyNotFoundException e)
        {
            return Results.Text(e.Message, "text/plain; charset=utf-8", statusCode: StatusCodes.Status404NotFound);
        }
    }
}
