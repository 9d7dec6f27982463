using RegisFlow.Domain;
using RegisFlow.Domain.Photos;
using SkiaSharp;

namespace RegisFlow.Tests.Sales;

public class PhotoProcessorTests
{
    private readonly PhotoProcessor _processor = new(new RegisFlowOptions());

    [Theory]
    [InlineData(4000, 3000, 2000, 1500)]
    [InlineData(3000, 2000, 2000, 1333)]
    [InlineData(1000, 2600, 769, 2000)]
    public void A_large_photo_is_downscaled_to_2000_pixels_on_its_long_edge_and_stored_as_jpeg(int width, int height, int storedWidth, int storedHeight)
    {
        var photo = _processor.Process(TestImages.Jpeg(width, height));

        Assert.Equal((storedWidth, storedHeight), (photo.Width, photo.Height));
        Assert.Equal("image/jpeg", photo.ContentType);
        using var codec = SKCodec.Create(new MemoryStream(photo.Data));
        Assert.Equal(SKEncodedImageFormat.Jpeg, codec.EncodedFormat);
        Assert.Equal(new SKSizeI(storedWidth, storedHeight), codec.Info.Size);
        Assert.Equal(photo.Data.Length, photo.SizeBytes);
    }

    [Fact]
    public void A_small_photo_keeps_its_size()
    {
        var photo = _processor.Process(TestImages.Jpeg(800, 600));
        Assert.Equal((800, 600), (photo.Width, photo.Height));
    }

    [Theory]
    [InlineData(6, true)]
    [InlineData(8, true)]
    [InlineData(3, false)]
    [InlineData(1, false)]
    public void The_exif_orientation_is_applied(ushort orientation, bool turnsSideways)
    {
        var photo = _processor.Process(TestImages.WithExifOrientation(TestImages.Jpeg(1200, 800), orientation));

        Assert.Equal(turnsSideways ? (800, 1200) : (1200, 800), (photo.Width, photo.Height));
        // Red was on the left of the stored picture: orientation 6 (turn clockwise) brings it to the top,
        // 8 (anticlockwise) to the bottom, 3 (half turn) to the right.
        var (redX, redY) = orientation switch { 6 => (0.5, 0.2), 8 => (0.5, 0.8), 3 => (0.8, 0.5), _ => (0.2, 0.5) };
        Assert.True(TestImages.IsReddish(TestImages.PixelAt(photo.Data, redX, redY)));
        Assert.True(TestImages.IsBluish(TestImages.PixelAt(photo.Data, 1 - redX, 1 - redY)));
    }

    [Fact]
    public void A_png_is_accepted_and_converted_to_jpeg()
    {
        var photo = _processor.Process(TestImages.NoisePng(300, 200));
        Assert.Equal((300, 200), (photo.Width, photo.Height));
        Assert.Equal([0xFF, 0xD8, 0xFF], photo.Data[..3]);
    }

    [Fact]
    public void A_text_file_named_like_a_photo_is_refused()
    {
        var error = Assert.Throws<PhotoRejectedException>(() => _processor.Process("Ceci n'est pas une photo.\n"u8));
        Assert.StartsWith("Ce fichier n'est pas une photo", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_jpeg_header_with_nothing_behind_it_is_refused()
    {
        var error = Assert.Throws<PhotoRejectedException>(() => _processor.Process([0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10]));
        Assert.Equal("Cette image est illisible ou endommagée : reprenez la photo.", error.Message);
    }

    [Fact]
    public void A_heic_photo_from_an_iphone_is_converted_and_kept_as_a_jpeg()
    {
        var photo = _processor.Process(TestImages.Heic());

        Assert.Equal("image/jpeg", photo.ContentType);
        Assert.Equal((32, 32), (photo.Width, photo.Height));
        using var decoded = SkiaSharp.SKBitmap.Decode(photo.Data);
        Assert.Equal((32, 32), (decoded.Width, decoded.Height));
    }

    [Fact]
    public void A_damaged_heic_file_is_refused_with_advice_to_use_jpeg()
    {
        var damaged = TestImages.Heic()[..64];

        var error = Assert.Throws<PhotoRejectedException>(() => _processor.Process(damaged));

        Assert.Contains("HEIC", error.Message, StringComparison.Ordinal);
        Assert.Contains("JPEG", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_photo_over_the_limit_is_refused_while_reading()
    {
        var processor = new PhotoProcessor(new RegisFlowOptions { PhotoStorageLimitBytes = 100_000 });
        var error = await Assert.ThrowsAsync<PhotoRejectedException>(() => processor.ProcessAsync(new MemoryStream(TestImages.NoisePng(400, 400))));
        Assert.StartsWith("La photo dépasse 0,1 Mo", error.Message, StringComparison.Ordinal);
    }
}
