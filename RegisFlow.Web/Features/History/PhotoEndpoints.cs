using RegisFlow.Domain.History;
using RegisFlow.Domain.Photos;
using RegisFlow.Domain.Users;
using RegisFlow.Web.Features.Account;

namespace RegisFlow.Web.Features.History;

public static class PhotoEndpoints
{
    /// <summary>
    /// GET /photos/{id}: a sale's photo, decrypted, for any signed-in user who may read that sale (the history service
    /// decides); a photo the configured key cannot open answers 500 with the reason;
    /// with ?telecharger=1, as a download named after the sale and the kind of photo.
    /// </summary>
    public static WebApplication MapPhotoEndpoints(this WebApplication app)
    {
        app.MapGet("/photos/{id:long}", PhotoAsync).RequireAuthorization();
        return app;
    }

    private static async Task<IResult> PhotoAsync(long id, HttpContext http, SaleHistoryService history, ILogger<SaleHistoryService> logger)
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
            // Identity photos must not stay in a shared shop computer's browser cache after logout.
            http.Response.Headers.CacheControl = "no-store";
            var download = http.Request.Query.ContainsKey("telecharger");
            return Results.File(photo.Data, photo.ContentType, download ? photo.FileName : null);
        }
        catch (AccessDeniedException)
        {
            return Results.NotFound();
        }
        catch (PhotoUnreadableException e)
        {
            logger.LogError("Photo {PhotoId} illisible : {Reason}", id, e.Message);
            return Results.Text(e.Message, "text/plain; charset=utf-8", statusCode: StatusCodes.Status500InternalServerError);
        }
    }
}
