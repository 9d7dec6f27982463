using Microsoft.Playwright;

namespace RegisFlow.Tests.Browser;

/// <summary>A page in its own browser context that records every console error and uncaught page error.</summary>
public sealed class BrowserPage : IAsyncDisposable
{
    private readonly List<string> _errors = [];

    public BrowserPage(IBrowserContext context, IPage page)
    {
        Context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                _errors.Add($"console: {message.Text}");
            }
        };
        page.PageError += (_, error) => _errors.Add($"page: {error}");
    }

    public IBrowserContext Context { get; }
    public IPage Page { get; }
    public IReadOnlyList<string> Errors => _errors;

    /// <summary>True when the page is wider than the viewport (the user would have to scroll sideways).</summary>
    public async Task<bool> ScrollsHorizontallyAsync() =>
        await Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");

    public Task ScreenshotAsync(string name) => Page.ScreenshotAsync(new PageScreenshotOptions
    {
        Path = Path.Combine(BrowserAppFixture.ScreenshotDirectory, name + ".png"),
        FullPage = true,
    });

    public async ValueTask DisposeAsync() => await Context.DisposeAsync();
}
