using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using RegisFlow.Domain;
using RegisFlow.Domain.Photos;
using RegisFlow.Tests.Infrastructure;
using RegisFlow.Web.Components.Shared;

namespace RegisFlow.Tests.Sales;

/// <summary>The photo field on its own: what the seller sees after choosing a file.</summary>
public class PhotoCaptureTests : ComponentTestBase, IAsyncLifetime
{
    private ProcessedPhoto? _photo;

    public PhotoCaptureTests() => Services.AddSingleton(new PhotoProcessor(new RegisFlowOptions()));

    public Task InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();

    private IRenderedComponent<PhotoCapture> RenderCapture() => Render<PhotoCapture>(p => p
        .Add(c => c.Label, "Ticket de caisse")
        .Add(c => c.Required, true)
        .Add(c => c.Photo, _photo)
        .Add(c => c.PhotoChanged, photo => _photo = photo));

    [Fact]
    public void A_chosen_photo_is_shown_with_its_stored_size()
    {
        var capture = RenderCapture();

        capture.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(TestImages.Jpeg(3000, 2000), "ticket.jpg", contentType: "image/jpeg"));

        capture.WaitForAssertion(() => Assert.NotNull(_photo), TimeSpan.FromSeconds(10));
        Assert.Equal((2000, 1333), (_photo!.Width, _photo.Height));
        capture.Render(p => p.Add(c => c.Photo, _photo));
        Assert.StartsWith("data:image/jpeg;base64,", capture.Find("img").GetAttribute("src"), StringComparison.Ordinal);
        Assert.Contains("2000 × 1333 px", capture.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_an_image_is_refused_next_to_the_field()
    {
        var capture = RenderCapture();

        capture.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("pas une image", "photo.jpg", contentType: "image/jpeg"));

        capture.WaitForAssertion(() => Assert.Contains("n'est pas une photo", capture.Find("[role=alert]").TextContent, StringComparison.Ordinal));
        Assert.Null(_photo);
    }

    [Fact]
    public void A_file_over_10_mo_is_refused_before_being_read()
    {
        var capture = RenderCapture();

        capture.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(new byte[11 * 1024 * 1024], "grande.jpg", contentType: "image/jpeg"));

        capture.WaitForAssertion(() => Assert.StartsWith("La photo dépasse 10 Mo", capture.Find("[role=alert]").TextContent, StringComparison.Ordinal));
        Assert.Null(_photo);
    }

    [Fact]
    public void A_file_button_is_offered_and_the_validation_message_shown_when_there_is_no_photo()
    {
        var capture = Render<PhotoCapture>(p => p
            .Add(c => c.Label, "Ticket de caisse")
            .Add(c => c.ErrorText, "La photo du ticket de caisse est obligatoire."));

        Assert.Equal("image/*", capture.Find("input[type=file]").GetAttribute("accept"));
        Assert.Equal("environment", capture.Find("input[type=file]").GetAttribute("capture"));
        var fileButton = capture.Find("label[role=button]");
        Assert.Equal(capture.Find("input[type=file]").Id, fileButton.GetAttribute("for"));
        Assert.Contains("this.click()", fileButton.GetAttribute("onkeydown"), StringComparison.Ordinal);
        Assert.Equal("La photo du ticket de caisse est obligatoire.", capture.Find("[role=alert]").TextContent.Trim());
    }
}
