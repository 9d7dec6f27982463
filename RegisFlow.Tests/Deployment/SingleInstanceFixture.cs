using Microsoft.Playwright;
using RegisFlow.Tests.Browser;

namespace RegisFlow.Tests.Deployment;

/// <summary>docker/compose.yaml as a shop deploys it (one app instance and its PostgreSQL), and Chromium to use it.</summary>
public sealed class SingleInstanceFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public PodmanStack Stack { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;

    /// <summary>From `up` to the first 200 of /health, on a database created by that first start.</summary>
    public TimeSpan FirstStart { get; private set; }

    public async Task InitializeAsync()
    {
        Stack = await PodmanStack.CreateAsync(new Dictionary<string, string>());
        FirstStart = await Stack.UpAsync(Stack.AppUrl + "/health");
        _playwright = await Playwright.CreateAsync();
        Browser = await Chromium.LaunchAsync(_playwright);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        _playwright?.Dispose();
        if (Stack is not null)
        {
            await Stack.DisposeAsync();
        }
    }
}
