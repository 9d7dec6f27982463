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

    /// <summary>The elements that stick out on the right (outermost first), to say in a failure what to fix.</summary>
    public async Task<string> WideElementsAsync() => await Page.EvaluateAsync<string>("""
        () => [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1 && e.getClientRects().length > 0)
            .filter(e => !e.parentElement || e.parentElement.getBoundingClientRect().right <= window.innerWidth + 1)
            .slice(0, 5)
            .map(e => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')} (${Math.round(e.getBoundingClientRect().right)} px)`)
            .join(', ')
        """);

    /// <summary>What the screen shows (not the full page), under the test output: small enough for the user guide.</summary>
    public Task ScreenshotAsync(string name) => Page.ScreenshotAsync(new PageScreenshotOptions
    {
        Path = Path.Combine(BrowserAppFixture.ScreenshotDirectory, name + ".png"),
        FullPage = false,
    });

    /// <summary>
    /// No console error, no uncaught error, neither Blazor's "unexpected error" bar (a circuit failure) nor a page's own
    /// error message (a failure caught around the page).
    /// </summary>
    public async Task AssertNoErrorsAsync()
    {
        await Assertions.Expect(Page.Locator("#blazor-error-ui")).ToBeHiddenAsync();
        await Assertions.Expect(Page.GetByTestId("page-error")).ToHaveCountAsync(0);
        Assert.Empty(Errors);
    }

    /// <summary>
    /// The control can be reached without zooming out: visible, and once scrolled to, entirely within the screen's width
    /// and height.
    /// </summary>
    public async Task AssertOnScreenAsync(ILocator control, string what)
    {
        await Assertions.Expect(control).ToBeVisibleAsync();
        await control.ScrollIntoViewIfNeededAsync();
        var box = await control.BoundingBoxAsync() ?? throw new Xunit.Sdk.XunitException($"{what} : pas de position.");
        var viewport = Page.ViewportSize!;
        Assert.True(box.X >= 0 && box.X + box.Width <= viewport.Width + 1 && box.Y >= 0 && box.Y + box.Height <= viewport.Height + 1,
            $"{what} dépasse de l'écran {viewport.Width}×{viewport.Height} : x={box.X}, y={box.Y}, {box.Width}×{box.Height}.");
    }

    public async ValueTask DisposeAsync() => await Context.DisposeAsync();
}
