namespace RegisFlow.Web.Health;

/// <summary>
/// `dotnet RegisFlow.Web.dll healthcheck [url]`: exit code 0 when the liveness endpoint (/health/live, no database
/// call) answers 200. Used by the Docker HEALTHCHECK, since the runtime image has no curl: a database outage must not
/// get the app container restarted, it would only lose the open sessions.
/// </summary>
public static class HealthCheckCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var url = args.Length > 1 ? args[1] : "http://127.0.0.1:5000" + HealthEndpoint.LivePath;
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            using var response = await client.GetAsync(new Uri(url));
            Console.WriteLine($"{url} : {(int)response.StatusCode}");
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            Console.WriteLine($"{url} : injoignable ({e.Message})");
            return 1;
        }
    }
}
