using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using RegisFlow.Domain.Photos;
using RegisFlow.Domain.Users;
using RegisFlow.Tests.Infrastructure;
using RegisFlow.Tests.Users;
using RegisFlow.Web.Features.Sales;
using static RegisFlow.Tests.Infrastructure.HttpForms;

namespace RegisFlow.Tests.Sales;

/// <summary>POST /photos/envoi as the sale page's script uses it: the file's bytes, the page's antiforgery token, the session cookie.</summary>
public partial class PhotoUploadEndpointTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static readonly WebApplicationFactoryClientOptions Browser = new() { AllowAutoRedirect = false, HandleCookies = true };

    /// <summary>A seller signed in on the sale page, and the antiforgery token that page carries.</summary>
    internal static async Task<(HttpClient Client, string Token, User Seller)> SellerOnTheSalePageAsync(DatabaseFixture fixture, WebApplicationFactory<Program> app)
    {
        var seller = await fixture.AddUserAsync(UserRole.Employee, (await fixture.AddStoreAsync()).Id);
        var client = app.CreateClient(Browser);
        using var login = await PostLoginAsync(client, seller.UserName, TestAccounts.Password);
        return (client, PageToken(await client.GetStringAsync("/ventes/nouvelle")), seller);
    }

    internal static string PageToken(string page) => WebUtility.HtmlDecode(AntiforgeryInput().Match(page).Groups[1].Value);

    internal static HttpRequestMessage Upload(byte[] file, string? token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, PhotoUploadEndpoints.Route) { Content = new ByteArrayContent(file) };
        if (token is not null)
        {
            request.Headers.Add("RequestVerificationToken", token);
        }
        return request;
    }

    [Fact]
    public async Task A_seller_sends_a_photo_and_gets_a_token_that_only_their_own_form_can_take()
    {
        await using var app = AppFactory.For(fixture);
        var (client, token, seller) = await SellerOnTheSalePageAsync(fixture, app);

        using var response = await client.SendAsync(Upload(TestImages.Jpeg(3000, 2000), token));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await response.Content.ReadFromJsonAsync<PhotoUploadAnswer>();
        Assert.Equal((2000, 1333), (answer!.Width, answer.Height));
        var pending = app.Services.GetRequiredService<PendingPhotos>();
        Assert.Null(pending.Take(seller.AsCaller() with { UserId = seller.Id + 1000 }, answer.Token!));
        var photo = pending.Take(seller.AsCaller(), answer.Token!);
        Assert.Equal(answer.SizeBytes, photo!.SizeBytes);
    }

    [Fact]
    public async Task Without_the_pages_antiforgery_token_or_a_session_nothing_is_received()
    {
        await using var app = AppFactory.For(fixture);
        var (client, _, _) = await SellerOnTheSalePageAsync(fixture, app);
        var anonymous = app.CreateClient(Browser);

        using var noToken = await client.SendAsync(Upload(TestImages.Jpeg(400, 300), token: null));
        using var signedOut = await anonymous.SendAsync(Upload(TestImages.Jpeg(400, 300), "un-jeton"));

        Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, signedOut.StatusCode);
        Assert.DoesNotContain("token", await signedOut.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_too_heavy_not_an_image_or_with_outsized_dimensions_is_refused_with_the_french_reason()
    {
        await using var app = AppFactory.For(fixture);
        var (client, token, _) = await SellerOnTheSalePageAsync(fixture, app);

        using var heavy = await client.SendAsync(Upload(new byte[11 * 1024 * 1024], token));
        using var text = await client.SendAsync(Upload("Ceci est un fichier texte renommé en .jpg"u8.ToArray(), token));
        using var bomb = await client.SendAsync(Upload(TestImages.BlackPng(7000, 7000), token));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, heavy.StatusCode);
        Assert.StartsWith("La photo dépasse 10 Mo", (await heavy.Content.ReadFromJsonAsync<PhotoUploadAnswer>())!.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, text.StatusCode);
        Assert.StartsWith("Ce fichier n'est pas une photo", (await text.Content.ReadFromJsonAsync<PhotoUploadAnswer>())!.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bomb.StatusCode);
        Assert.StartsWith("Cette image fait 7000 × 7000 pixels (49 millions)", (await bomb.Content.ReadFromJsonAsync<PhotoUploadAnswer>())!.Message, StringComparison.Ordinal);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryInput();
}
