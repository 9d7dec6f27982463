using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;
using RegisFlow.Domain.Exports;
using RegisFlow.Domain.Inspection;
using RegisFlow.Domain.Users;
using RegisFlow.Web.Features.Account;

namespace RegisFlow.Web.Features.Inspection;

public static class InspectionEndpoints
{
    public const string PdfPath = "/registre-controle.pdf";
    private const string DateFormat = "yyyy-MM-dd";

    /// <summary>GET /registre-controle.pdf?store=&amp;from=&amp;to=&amp;photos= : the register for inspection, checked and scoped by the service.</summary>
    public static WebApplication MapInspectionEndpoints(this WebApplication app)
    {
        app.MapGet(PdfPath, PdfAsync).RequireAuthorization(p => p.RequireRole(nameof(UserRole.Admin), nameof(UserRole.Manager)));
        return app;
    }

    public static string Url(InspectionRequest request) => QueryHelpers.AddQueryString(PdfPath, new Dictionary<string, string?>
    {
        ["store"] = request.StoreId?.ToString(CultureInfo.InvariantCulture),
        ["from"] = request.From?.ToString(DateFormat, CultureInfo.InvariantCulture),
        ["to"] = request.To?.ToString(DateFormat, CultureInfo.InvariantCulture),
        ["photos"] = request.IncludePhotos ? "true" : null,
    }.Where(p => p.Value is not null));

    private static async Task<IResult> PdfAsync(HttpContext http, InspectionRegisterService register)
    {
        var caller = CallerClaims.ToCaller(http.User, http.Connection.RemoteIpAddress?.ToString());
        if (caller is null)
        {
            return Results.Unauthorized();
        }
        var query = http.Request.Query;
        if (!TryDate(query["from"], out var from) || !TryDate(query["to"], out var to)
            || !(string.IsNullOrEmpty(query["store"]) || int.TryParse(query["store"], NumberStyles.None, CultureInfo.InvariantCulture, out _)))
        {
            return Results.Text("Paramètres invalides : magasin (numéro) et dates AAAA-MM-JJ attendus.", "text/plain; charset=utf-8",
                statusCode: StatusCodes.Status400BadRequest);
        }
        int? store = string.IsNullOrEmpty(query["store"]) ? null : int.Parse(query["store"]!, CultureInfo.InvariantCulture);
        InspectionPlan plan;
        try
        {
            plan = await register.PlanAsync(caller, new InspectionRequest(store, from, to, query["photos"] == "true"), http.RequestAborted);
        }
        catch (AccessDeniedException e)
        {
            return Results.Text(e.Message, "text/plain; charset=utf-8", statusCode: StatusCodes.Status403Forbidden);
        }
        catch (Exception e) when (e is InvalidInputException or ExportTooLargeException)
        {
            return Results.Text(e.Message, "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
        }
        catch (KeyNotFoundException e)
        {
            return Results.Text(e.Message, "text/plain; charset=utf-8", statusCode: StatusCodes.Status404NotFound);
        }
        http.Response.Headers.CacheControl = "no-store";
        return Results.Stream(body => register.WriteAsync(plan, body, http.RequestAborted), "application/pdf", plan.FileName);
    }

    private static bool TryDate(string? text, out DateOnly? day)
    {
        day = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }
        if (DateOnly.TryParseExact(text, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            day = parsed;
            return true;
        }
        return false;
    }
}
