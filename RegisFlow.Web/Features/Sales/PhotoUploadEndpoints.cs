using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Features;
using RegisFlow.Domain.Photos;
using RegisFlow.Domain.Users;
using RegisFlow.Web.Features.Account;

namespace RegisFlow.Web.Features.Sales;

/// <summary>The JSON answer to a photo sent: the token the form hands back to take the photo, or why it is refused.</summary>
public sealed record PhotoUploadAnswer(string? Token, int Width, int Height, int SizeBytes, string? Message);

public static class PhotoUploadEndpoints
{
    public const string Route = "/photos/envoi";

    /// <summary>
    /// POST /photos/envoi: the sale form sends a chosen or captured photo here, its bytes as the body (no base64, not
    /// through the circuit), with the page's antiforgery token in the RequestVerificationToken header. The photo is
    /// processed once and waits in <see cref="PendingPhotos"/> for the form of the same user.
    /// </summary>
    public static WebApplication MapPhotoUploadEndpoints(this WebApplication app)
    {
        app.MapPost(Route, UploadAsync).RequireAuthorization().DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> UploadAsync(HttpContext http, IAntiforgery antiforgery, PendingPhotos pending, PhotoProcessor processor)
    {
        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return Results.BadRequest();
        }
        var caller = CallerClaims.ToCaller(http.User, AccountRoutes.ClientAddress(http));
        if (caller is null)
        {
            return Results.Unauthorized();
        }
        if (http.Request.ContentLength > processor.MaxBytes)
        {
            return Refused(processor.TooLargeMessage, StatusCodes.Status413PayloadTooLarge);
        }
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodyLimit)
        {
            bodyLimit.MaxRequestBodySize = processor.MaxBytes + 1; // past it, the processor's own French refusal
        }
        try
        {
            var photo = await pending.AddAsync(caller, http.Request.Body, http.RequestAborted);
            return Results.Ok(new PhotoUploadAnswer(photo.Token, photo.Width, photo.Height, photo.SizeBytes, null));
        }
        catch (PhotoRejectedException e)
        {
            return Refused(e.Message, StatusCodes.Status422UnprocessableEntity);
        }
        catch (AccessDeniedException e)
        {
            return Refused(e.Message, StatusCodes.Status403Forbidden);
        }
    }

    private static IResult Refused(string message, int status) => Results.Json(new PhotoUploadAnswer(null, 0, 0, 0, message), statusCode: status);
}
