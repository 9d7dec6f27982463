using RegisFlow.Domain.Exports;
using RegisFlow.Domain.Photos;
using RegisFlow.Domain.Users;
using RegisFlow.Web.Features.Account;

namespace RegisFlow.Web.Features.History;

public static class ExportEndpoints
{
    /// <summary>
    /// GET /exports/{csv|pdf|xlsx}?from=&amp;to=&amp;category=&amp;payment=&amp;q=&amp;store= : the register as a download, streamed while it is written.
    /// Managers and admins only; the export service checks again and scopes by the caller.
    /// </summary>
    public static WebApplication MapExportEndpoints(this WebApplication app)
    {
        app.MapGet("/exports/{format}", ExportAsync)
            .RequireAuthorization(p => p.RequireRole(nameof(UserRole.Admin), nameof(UserRole.Manager)));
        return app;
    }

    private static async Task<IResult> ExportAsync(string format, HttpContext http, ExportService exports)
    {
        if (!Enum.TryParse<ExportFormat>(format, ignoreCase: true, out var exportFormat) || !Enum.IsDefined(exportFormat) || int.TryParse(format, out _))
        {
            return Results.Text("Format d'export inconnu : csv, pdf ou xlsx.", "text/plain; charset=utf-8", statusCode: StatusCodes.Status404NotFound);
        }
        var caller = CallerClaims.ToCaller(http.User, http.Connection.RemoteIpAddress?.ToString());
        if (caller is null)
        {
            return Results.Unauthorized();
        }
        var query = HistoryQueryString.Parse(http.Request.Query, out var error);
        if (query is null)
        {
            return Results.Text(error, "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
        }
        ExportPlan plan;
        try
        {
            plan = await exports.PlanAsync(caller, query, exportFormat, http.RequestAborted);
        }
        catch (AccessDeniedException e)
        {
            return Results.Text(e.Message, "text/plain; charset=utf-8", statusCode: StatusCodes.Status403Forbidden);
        }
        catch (KeyNotFoundException e)
        {
            return Results.Text(e.Message, "text/plain; charset=utf-8", statusCode: StatusCodes.Status404NotFound);
        }
        catch (PhotoUnreadableException e)
        {
            return Results.Text(e.Message, "text/plain; charset=utf-8", statusCode: StatusCodes.Status500InternalServerError);
        }
        http.Response.Headers.CacheControl = "no-store";
        return Results.Stream(
            body => exports.WriteAsync(plan, body, progress: null, http.RequestAborted),
            plan.ContentType,
            plan.FileName);
    }
}
