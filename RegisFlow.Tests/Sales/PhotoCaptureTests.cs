using System.Security.Claims;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.JSInterop;
using RegisFlow.Domain;
using RegisFlow.Domain.Photos;
using RegisFlow.Domain.Sales;
using RegisFlow.Domain.Users;
using RegisFlow.Tests.Infrastructure;
using RegisFlow.Web.Components.Shared;
using RegisFlow.Web.Features.Account;
using RegisFlow.Web.Features.Sales;

namespace RegisFlow.Tests.Sales;

/// <summary>
/// The photo field on its own: what the seller sees once the browser has sent a photo to the server (photo-upload.js,
/// played here by bunit with the answer the server gave), and the two actions offered where the page has no camera.
/// </summary>
public class PhotoCaptureTests : ComponentTestBase, IAsyncLifetime
{
    private static readonly Caller Seller = new(7, "emma", "Emma Vendeuse", UserRole.Employee, 1);
    private readonly PendingPhotos _pending;
    private readonly BunitJSModuleInterop _upload;
    private readonly BunitJSModuleInterop _camera;
    private ProcessedPhoto? _photo;

    public PhotoCaptureTests()
    {
        _pending = new PendingPhotos(new PhotoProcessor(new RegisFlowOptions()), new FakeTimeProvider());
        Services.AddSingleton(new PhotoProcessor(new RegisFlowOptions()));
        Services.AddSingleton(_pending);
        Services.AddScoped<CurrentCaller>();
        var authorization = AddAuthorization();
        authorization.SetAuthorized("emma");
        authorization.SetClaims(new Claim(ClaimTypes.NameIdentifier, "7"), new Claim(ClaimTypes.Role, "Employee"), new Claim(CallerClaims.StoreId, "1"));
        _upload = JSInterop.SetupModule("./js/photo-upload.js");
        _camera = JSInterop.SetupModule("./js/camera.js");
    }

    public Task InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();

    private IRenderedComponent<PhotoCapture> RenderCapture() => Render<PhotoCapture>(p => p
        .Add(c => c.Label, "Ticket de caisse")
        .Add(c => c.Required, true)
        .Add(c => c.Photo, _photo)
        .Add(c => c.PhotoChanged, photo => _photo = photo));

    /// <summary>The sale form's photo fields, which keep the photos each field gives them: the receipt's field is the third.</summary>
    private (IRenderedComponent<PhotosFields> Fields, Dictionary<PhotoKind, ProcessedPhoto> Photos) RenderFields()
    {
        var photos = new Dictionary<PhotoKind, ProcessedPhoto>();
        var fields = Render<PhotosFields>(p => p.Add(f => f.Photos, photos).Add(f => f.Errors, new SaleErrors()));
        return (fields, photos);
    }

    /// <summary>The browser sends the file and answers what the server said.</summary>
    private void BrowserAnswers(string status, string? token = null, string? message = null, bool previewShown = true) =>
        _upload.Setup<PhotoCapture.UploadResult>("uploadChosen", _ => true).SetResult(new PhotoCapture.UploadResult(status, token, message, previewShown));

    private static void Choose(IRenderedComponent<PhotoCapture> capture, string source = "gallery") =>
        capture.Find($"input[data-source={source}]").Change("");

    private static void ChooseReceipt(IRenderedComponent<PhotosFields> fields) =>
        fields.Find("[data-photo='Ticket de caisse'] input[data-source=gallery]").Change("");

    [Fact]
    public async Task A_photo_sent_by_the_browser_is_shown_with_its_stored_size_and_the_preview_stays_the_browsers_own()
    {
        var sent = await _pending.AddAsync(Seller, new MemoryStream(TestImages.Jpeg(3000, 2000)));
        BrowserAnswers("ok", sent.Token);
        var (fields, photos) = RenderFields();

        ChooseReceipt(fields);

        fields.WaitForAssertion(() => Assert.True(photos.ContainsKey(PhotoKind.Receipt)));
        Assert.Equal((2000, 1333), (photos[PhotoKind.Receipt].Width, photos[PhotoKind.Receipt].Height));
        var call = _upload.VerifyInvoke("uploadChosen");
        Assert.Equal(PhotoUploadEndpoints.Route, call.Arguments[2]);
        Assert.Equal(FixedAntiforgery.Token, call.Arguments[3]);
        var receipt = fields.Find("[data-photo='Ticket de caisse']");
        Assert.Contains("2000 × 1333 px", receipt.QuerySelector("[data-testid=photo-stored]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("d-block", receipt.QuerySelector("img")!.ClassName, StringComparison.Ordinal);
        Assert.Null(receipt.QuerySelector("img")!.GetAttribute("src"));
        _upload.VerifyNotInvoke("showStored");
        // Taken once: the same token gives nothing a second time.
        Assert.Null(_pending.Take(Seller, sent.Token));
    }

    [Fact]
    public async Task A_photo_the_browser_cannot_draw_itself_gets_the_stored_jpeg_as_preview()
    {
        var sent = await _pending.AddAsync(Seller, new MemoryStream(TestImages.Jpeg(800, 600)));
        BrowserAnswers("ok", sent.Token, previewShown: false);
        _upload.SetupVoid("showStored", _ => true).SetVoidResult();
        var (fields, photos) = RenderFields();

        ChooseReceipt(fields);

        fields.WaitForAssertion(() => Assert.IsType<DotNetStreamReference>(_upload.VerifyInvoke("showStored").Arguments[1]));
        Assert.True(photos.ContainsKey(PhotoKind.Receipt));
    }

    [Fact]
    public async Task A_refused_photo_shows_the_servers_reason_next_to_the_field_and_its_preview_goes()
    {
        var reason = (await Assert.ThrowsAsync<PhotoRejectedException>(() =>
            _pending.AddAsync(Seller, new MemoryStream("pas une image"u8.ToArray())))).Message;
        BrowserAnswers("refused", message: reason);
        var capture = RenderCapture();

        Choose(capture, "camera");

        capture.WaitForAssertion(() => Assert.Equal(reason, capture.Find("[role=alert]").TextContent.Trim()));
        Assert.StartsWith("Ce fichier n'est pas une photo", reason, StringComparison.Ordinal);
        Assert.Null(_photo);
        _upload.VerifyInvoke("clearPreview");
    }

    [Fact]
    public void The_size_limit_and_its_french_message_go_to_the_browser_which_refuses_a_larger_file_before_sending()
    {
        BrowserAnswers("refused", message: "La photo dépasse 10 Mo : reprenez-la ou choisissez une image plus légère.");
        var capture = RenderCapture();

        Choose(capture);

        capture.WaitForAssertion(() => Assert.StartsWith("La photo dépasse 10 Mo", capture.Find("[role=alert]").TextContent, StringComparison.Ordinal));
        var call = _upload.VerifyInvoke("uploadChosen");
        Assert.Equal(10L * 1024 * 1024, call.Arguments[4]);
        Assert.Equal("La photo dépasse 10 Mo : reprenez-la ou choisissez une image plus légère.", call.Arguments[5]);
    }

    [Fact]
    public void Without_the_in_page_camera_the_seller_gets_the_camera_app_and_the_gallery_as_two_actions()
    {
        var capture = Render<PhotoCapture>(p => p
            .Add(c => c.Label, "Ticket de caisse")
            .Add(c => c.ErrorText, "La photo du ticket de caisse est obligatoire."));

        var camera = capture.Find("input[data-source=camera]");
        var gallery = capture.Find("input[data-source=gallery]");
        Assert.Equal(("image/*", "environment"), (camera.GetAttribute("accept"), camera.GetAttribute("capture")));
        Assert.Equal("image/*", gallery.GetAttribute("accept"));
        Assert.False(gallery.HasAttribute("capture"));
        var buttons = capture.FindAll("label[role=button]");
        Assert.Equal(["Prendre une photo", "Choisir une photo"], buttons.Select(b => b.TextContent.Trim()));
        Assert.Equal([camera.Id, gallery.Id], buttons.Select(b => b.GetAttribute("for")));
        Assert.All(buttons, b => Assert.Contains("this.click()", b.GetAttribute("onkeydown"), StringComparison.Ordinal));
        Assert.DoesNotContain(capture.FindAll("button"), b => b.TextContent.Contains("Ouvrir la caméra", StringComparison.Ordinal));
        Assert.Equal("La photo du ticket de caisse est obligatoire.", capture.Find("[role=alert]").TextContent.Trim());
    }

    [Fact]
    public void With_the_in_page_camera_the_seller_opens_it_or_chooses_from_the_gallery()
    {
        _camera.Setup<bool>("isSupported").SetResult(true);
        var capture = RenderCapture();

        capture.WaitForAssertion(() => Assert.Contains(capture.FindAll("button"), b => b.TextContent.Trim() == "Ouvrir la caméra"));
        Assert.Equal(["Choisir une photo"], capture.FindAll("label[role=button]").Select(b => b.TextContent.Trim()));
    }

    [Fact]
    public async Task Closing_the_page_while_the_camera_is_stopped_is_not_an_error()
    {
        _camera.Setup<bool>("isSupported").SetResult(true);
        _camera.SetupVoid("stop", _ => true).SetException(new TaskCanceledException());
        var capture = RenderCapture();
        capture.WaitForAssertion(() => Assert.Contains(capture.FindAll("button"), b => b.TextContent.Trim() == "Ouvrir la caméra"));

        await capture.Instance.DisposeAsync();

        _camera.VerifyInvoke("stop");
    }
}
