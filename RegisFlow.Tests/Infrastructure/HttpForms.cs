using System.Net;
using System.Text.RegularExpressions;

namespace RegisFlow.Tests.Infrastructure;

/// <summary>What a browser does with the static forms (login, password, logout), for tests over HTTP.</summary>
public static partial class HttpForms
{
    public const string SessionCookie = "regisflow.session";

    /// <summary>Where a redirect goes, as a local path and query.</summary>
    public static string? Target(HttpResponseMessage response) =>
        response.Headers.Location is { } location ? new Uri(new Uri("http://localhost"), location).PathAndQuery : null;

    public static async Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string userName, string password, string query = "")
    {
        var page = await client.GetStringAsync("/" + query);
        return await client.PostAsync("/" + query, Form(page, "login", ("Input.UserName", userName), ("Input.Password", password)));
    }

    /// <summary>
    /// What a browser posts: the fields given, plus every hidden input of the page's form (the one for the handler, or
    /// the form posting to <paramref name="action"/> when no handler is given).
    /// </summary>
    public static FormUrlEncodedContent Form(string page, string? handler, params (string Name, string Value)[] fields) =>
        Form(page, handler, "/deconnexion", fields);

    public static FormUrlEncodedContent Form(string page, string? handler, string action, params (string Name, string Value)[] fields)
    {
        var form = Forms().Matches(page).Select(m => m.Value)
            .First(f => handler is null ? f.Contains($"action=\"{action}\"", StringComparison.Ordinal) : f.Contains($"value=\"{handler}\"", StringComparison.Ordinal));
        var values = HiddenInputs().Matches(form).Select(m => new KeyValuePair<string, string>(m.Groups[1].Value, WebUtility.HtmlDecode(m.Groups[2].Value))).ToList();
        values.AddRange(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
        return new FormUrlEncodedContent(values);
    }

    /// <summary>The session cookie a response sets, as "name=value" ready to be sent again.</summary>
    public static string SessionCookieFrom(HttpResponseMessage response) =>
        response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(SessionCookie + "=", StringComparison.Ordinal)).Split(';')[0];

    [GeneratedRegex("<form[^>]*>.*?</form>", RegexOptions.Singleline)]
    private static partial Regex Forms();

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"")]
    private static partial Regex HiddenInputs();
}
