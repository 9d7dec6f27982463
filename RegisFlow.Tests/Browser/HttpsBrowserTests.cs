using System.Security.Cryptography.X509Certificates;
using Microsoft.Playwright;
using SkiaSharp;

namespace RegisFlow.Tests.Browser;

/// <summary>
/// A tablet on the shop's network: it reaches the app by the machine's name, not localhost. Over plain HTTP the browser
/// hides the camera; over HTTPS, once the app's authority is trusted, the camera takes the photo.
/// </summary>
[Collection(BrowserCollection.Name)]
public class HttpsBrowserTests(BrowserAppFixture app)
{
    [Fact]
    public async Task A_tablet_gets_the_certificate_from_the_login_page_then_takes_a_photo_with_the_camera_over_https()
    {
        await using var browser = await app.OpenAsync(Viewport.TabletPortrait.Width, Viewport.TabletPortrait.Height, baseUrl: app.TabletHttpsUrl);
        var page = browser.Page;

        // The tablet arrives by plain HTTP: the login page leads to the instructions and the certificate.
        await page.GotoAsync(app.TabletHttpUrl + "/");
        await browser.ScreenshotAsync("connexion-http-tablette");
        await page.GetByRole(AriaRole.Link, new() { Name = "Tablette : activer la caméra (HTTPS)" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Caméra des tablettes : passer en HTTPS" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Tablette Android")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("iPad", new() { Exact = true })).ToBeVisibleAsync();
        await browser.ScreenshotAsync("certificat-tablette");
        var download = await page.RunAndWaitForDownloadAsync(
            () => page.GetByRole(AriaRole.Link, new() { Name = "Télécharger le certificat" }).ClickAsync());
        using var trusted = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(app.AuthorityCertificatePath));
        Assert.Equal(trusted.RawData, await File.ReadAllBytesAsync(await download.PathAsync()));
        // The type by which Android and iPadOS offer to install it as an authority.
        Assert.Equal("application/x-x509-ca-cert",
            await page.EvaluateAsync<string>("async () => (await fetch('/certificat-ca.crt')).headers.get('content-type')"));

        // Installed (Chromium trusts the authority as the tablet now does), the HTTPS address opens without any warning.
        await page.GetByRole(AriaRole.Link, new() { Name = app.TabletHttpsUrl + "/" }).First.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(app.TabletHttpsUrl + "/");
        Assert.True(await page.EvaluateAsync<bool>("() => window.isSecureContext"));
        await page.SignInAsync(BrowserAccounts.EmployeeUserName, BrowserAccounts.Password);
        var sale = await page.GotoAsync("/ventes/nouvelle");
        await page.WaitForCircuitAsync();
        Assert.Contains("Autorité RegisFlow", (await sale!.SecurityDetailsAsync())!.Issuer, StringComparison.Ordinal);

        await SaleBrowserTests.TakePhotoWithCameraAsync(page, "Pièce d'identité (recto)");
        await Assertions.Expect(page.GetByTestId("camera-needs-https")).ToHaveCountAsync(0);
        await browser.AssertNoErrorsAsync();
    }

    [Fact]
    public async Task Over_plain_http_by_the_machines_name_the_sale_page_says_why_the_camera_is_missing_and_where_it_works()
    {
        await using var browser = await app.OpenAsync(Viewport.TabletPortrait.Width, Viewport.TabletPortrait.Height, baseUrl: app.TabletHttpUrl);
        var page = browser.Page;
        await page.SignInAsync(BrowserAccounts.EmployeeUserName, BrowserAccounts.Password);
        await page.OpenAsync("/ventes/nouvelle");

        Assert.False(await page.EvaluateAsync<bool>("() => window.isSecureContext"));
        var notice = page.GetByTestId("camera-needs-https");
        await Assertions.Expect(notice).ToContainTextAsync("Caméra indisponible à cette adresse");
        await Assertions.Expect(notice).ToContainTextAsync("les navigateurs n'autorisent la caméra que sur une adresse sécurisée (HTTPS)");
        var secureAddress = app.TabletHttpsUrl + "/ventes/nouvelle";
        var link = notice.GetByRole(AriaRole.Link, new() { Name = secureAddress });
        await Assertions.Expect(link).ToHaveAttributeAsync("href", secureAddress);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Ouvrir la caméra" })).ToHaveCountAsync(0);
        await notice.ScrollIntoViewIfNeededAsync();
        await browser.ScreenshotAsync("vente-camera-http");

        // The two file actions still take the photo: the camera app, or the gallery.
        await Assertions.Expect(notice).ToContainTextAsync("« Prendre une photo » ouvre l'appareil photo de la tablette, et « Choisir une photo » sa galerie.");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Prendre une photo" })).ToHaveCountAsync(3);
        await SaleBrowserTests.UploadPhotoAsync(page, "Ticket de caisse", SKColors.SeaGreen);

        // The address given is the way to the camera.
        await link.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(secureAddress);
        await page.WaitForCircuitAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Ouvrir la caméra" }).First).ToBeVisibleAsync();
        await Assertions.Expect(notice).ToHaveCountAsync(0);
        await browser.AssertNoErrorsAsync();
    }
}
