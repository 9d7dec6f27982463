using RegisFlow.Domain.History;
using RegisFlow.Domain.Users;
using RegisFlow.Web.Features.Account;

namespace RegisFlow.Web.Features.History;

public static class PhotoEndpoints
{
    /// <summary>GET /photos/{id}: a sale's photo, for any signed-in user who may read that sale (the history service decides).</summary>
    public static WebApplication MapPhotoEndpoints(this WebApplication app)
    {
        app.MapGet("/photos/{id:long}", PhotoAsync).RequireAuthorization();
        return app;
    }

    private static async Task<IResult> PhotoAsync(long id, HttpContext http, SaleHistoryService history)
    {
        var caller = CallerClaims.ToCaller(http.User, http.Connection.RemoteIpAddress?.ToString());
        if (caller is null)
        {
            return Results.Unauthorized();
        }
        try
        {
            var photo = await history.GetPhotoAsync(caller, id, http.RequestAborted);
            if (photo is null)
            {
                return Results.NotFound();
            }
            // Personal data: the browser may keep it for this session only, never a shared cache.
            http.Response.Headers.CacheControl = "private, max-age=600";
            return Results.File(photo.Data, photo.ContentType);
        }
        catch (AccessDeniedException)
        {
            return Results.NotFound();
        }
    }
}
