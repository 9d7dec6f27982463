using Microsoft.Playwright;

namespace RegisFlow.Tests.Browser;

[Collection(BrowserCollection.Name)]
public class SmokeBrowserTests(BrowserAppFixture app)
{
    [Fact]
    public async Task The_app_started_on_its_own_private_database_answers_health_and_serves_french_pages()
    {
        await using var browser = await app.OpenAsync();
        var health = await browser.Page.APIRequest.GetAsync("/health");
        Assert.Equal(200, health.Status);
        Assert.Contains("\"server\": \"privé\"", await health.TextAsync(), StringComparison.Ordinal);

        await browser.Page.GotoAsync("/page-qui-n-existe-pas");
        await Assertions.Expect(browser.Page.GetByText("Page introuvable").First).ToBeVisibleAsync();
        Assert.Equal("fr", await browser.Page.GetAttributeAsync("html", "lang"));
    }
}
