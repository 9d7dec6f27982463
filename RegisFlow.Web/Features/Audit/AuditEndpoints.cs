using RegisFlow.Domain.Audit;
using RegisFlow.Domain.Users;
using RegisFlow.Web.Features.Account;

namespace RegisFlow.Web.Features.Audit;

public static class AuditEndpoints
{
    public const string CsvPath = "/journal/export.csv";

    /// <summary>GET /journal/export.csv?from=&amp;to=&amp;user=&amp;store=&amp;action= : the journal as CSV, streamed; the service scopes it by the caller.</summary>
    public static WebApplication MapAuditEndpoints(this WebApplication app)
    {
        app.MapGet(CsvPath, CsvAsync).RequireAuthorization(p => p.RequireRole(nameof(UserRole.Admin), nameof(UserRole.Manager)));
        return app;
    }

    private static IResult CsvAsync(HttpContext http, AuditJournalService journal)
    {
        var caller = CallerClaims.ToCaller(http.User, http.Connection.RemoteIpAddress?.ToString());
        if (caller is null)
        {
            return Results.Unauthorized();
        }
        var query = AuditFilters.Parse(http.Request.Query, out var error);
        if (query is null)
        {
            return Results.Text(error, "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
        }
        try
        {
            AuditJournalService.Scope(caller, query);
        }
        catch (AccessDeniedException e)
        {
            return Results.Text(e.Message, "text/plain; charset=utf-8", statusCode: StatusCodes.Status403Forbidden);
        }
        catch (InvalidInputException e)
        {
            return Results.Text(e.Message, "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
        }
        http.Response.Headers.CacheControl = "no-store";
        return Results.Stream(body => journal.WriteCsvAsync(caller, query, body, http.RequestAborted), "text/csv", AuditJournalService.FileName(query));
    }
}
