using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using RegisFlow.Tests.Infrastructure;

namespace RegisFlow.Tests.Monitoring;

/// <summary>
/// The real app on a loopback socket (callers come from 127.0.0.1, as a local Prometheus or container check would),
/// with the test sign-in header and, unless told otherwise, the fixture's fake clock.
/// </summary>
internal sealed class LiveApp : IAsyncDisposable
{
    private readonly WebApplicationFactory<Program> _app;

    private LiveApp(WebApplicationFactory<Program> app)
    {
        _app = app;
        _app.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        _app.StartServer();
        BaseUrl = new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    public Uri BaseUrl { get; }
    public IServiceProvider Services => _app.Services;

    public static LiveApp Start(DatabaseFixture fixture, IReadOnlyDictionary<string, string?>? settings = null, bool fakeClock = true)
    {
        var all = AppFactory.Settings(fixture);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }
        var app = TestAuthentication.Use(new AppFactory(all));
        if (fakeClock)
        {
            app = app.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(fixture.Clock)));
        }
        return new LiveApp(app);
    }

    public HttpClient Client(params (string Name, string Value)[] headers)
    {
        var client = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(60) };
        foreach (var (name, value) in headers)
        {
            client.DefaultRequestHeaders.TryAddWithoutValidation(name, value);
        }
        return client;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
