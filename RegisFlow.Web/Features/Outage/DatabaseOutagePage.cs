using System.Net;
using RegisFlow.Domain.Database;

namespace RegisFlow.Web.Features.Outage;

/// <summary>
/// A request that fails because the database cannot be reached gets a French page with HTTP 503 (and Retry-After),
/// not a bare 500: a container or proxy sees "try again", a person sees what happens.
/// </summary>
public static class DatabaseOutagePage
{
    public const int RetryAfterSeconds = 15;
    public const string Title = "Base de données injoignable";

    public static IApplicationBuilder UseDatabaseOutagePage(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        try
        {
            await next(context);
        }
        catch (Exception e) when (DatabaseOutage.IsUnreachable(e) && !context.Response.HasStarted)
        {
            var services = context.RequestServices;
            services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseOutagePage))
                .LogWarning("Base de données injoignable pendant {Method} {Path} : {Error}", context.Request.Method, context.Request.Path, e.Message);
            DatabaseOutage.ForgetConnections(services.GetRequiredService<DatabaseConnection>());
            context.Response.Clear();
            await Result().ExecuteAsync(context);
        }
    });

    /// <summary>The 503 page; <paramref name="message"/> replaces the usual explanation.</summary>
    public static IResult Result(string? message = null) => new OutageResult(message);

    private sealed class OutageResult(string? message) : IResult
    {
        public async Task ExecuteAsync(HttpContext context)
        {
            var request = context.Request;
            var retry = HttpMethods.IsGet(request.Method) ? (request.PathBase + request.Path + request.QueryString).ToString() : "/";
            if (!retry.StartsWith('/') || retry.StartsWith("//", StringComparison.Ordinal) || retry.StartsWith("/\\", StringComparison.Ordinal))
            {
                retry = "/";
            }
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            context.Response.Headers.CacheControl = "no-store";
            context.Response.ContentType = "text/html; charset=utf-8";
            var explanation = message ?? "Le serveur de base de données ne répond pas pour le moment. Rien de ce qui est enregistré n'est perdu ; "
                + "cette page réessaie toute seule.";
            await context.Response.WriteAsync($$"""
                <!DOCTYPE html>
                <html lang="fr">
                <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1.0" />
                {{(HttpMethods.IsGet(request.Method) ? $"<meta http-equiv=\"refresh\" content=\"{RetryAfterSeconds}\" />" : "")}}
                <title>{{Title}} — RegisFlow</title>
                <style>
                body { margin: 0; min-height: 100vh; display: flex; justify-content: center; align-items: flex-start; background: #f3f4f6; padding: 6vh 12px; font-family: Roboto, Helvetica, Arial, sans-serif; box-sizing: border-box; }
                main { width: 100%; max-width: 460px; background: #fff; border-radius: 8px; padding: 24px; box-shadow: 0 2px 6px rgba(0,0,0,.15); }
                h1 { font-size: 1.4rem; font-weight: 500; color: #b3261e; margin: 0 0 12px; }
                a { display: inline-block; margin-top: 16px; padding: 10px 16px; border-radius: 4px; background: #b3261e; color: #fff; text-decoration: none; }
                </style>
                </head>
                <body>
                <main>
                <h1>{{Title}}</h1>
                <p>{{WebUtility.HtmlEncode(explanation)}}</p>
                <a href="{{WebUtility.HtmlEncode(retry)}}">Réessayer</a>
                </main>
                </body>
                </html>
                """);
        }
    }
}
