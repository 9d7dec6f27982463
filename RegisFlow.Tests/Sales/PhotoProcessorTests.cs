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

    [Fact]
    public async Task A_143_kb_png_declaring_7000_by_7000_pixels_is_refused_from_its_header_before_any_decoding()
    {
        var bomb = TestImages.BlackPng(7000, 7000);
        var processor = new PhotoProcessor(new RegisFlowOptions(), PhotoLimits.For(1L << 30, 2));

        var error = await Assert.ThrowsAsync<PhotoRejectedException>(() => processor.ProcessAsync(new MemoryStream(bomb)));

        Assert.InRange(bomb.Length, 130_000, 150_000);
        Assert.Equal("Cette image fait 7000 × 7000 pixels (49 millions), au-delà des 6,7 millions acceptés : "
            + "reprenez la photo ou enregistrez-la plus petite (JPEG).", error.Message);
    }

    [Fact]
    public void A_png_within_the_limit_is_averaged_down_to_the_stored_size()
    {
        var processor = new PhotoProcessor(new RegisFlowOptions(), PhotoLimits.For(16L << 30, 2));

        var photo = processor.Process(TestImages.BlackPng(4100, 2100));

        Assert.Equal((2000, 1024), (photo.Width, photo.Height));
        Assert.Equal(SKColors.Black, TestImages.PixelAt(photo.Data, 0.5, 0.5));
    }

    [Fact]
    public void A_progressive_jpeg_is_held_to_the_whole_decode_limit_and_a_baseline_one_to_the_source_limit()
    {
        var processor = new PhotoProcessor(new RegisFlowOptions(), new PhotoLimits(Slots: 1, MaxSourcePixels: 50_000_000, MaxWholeDecodePixels: 1_000_000));
        var jpeg = TestImages.Jpeg(1200, 1000);

        var error = Assert.Throws<PhotoRejectedException>(() => processor.Process(TestImages.MarkedProgressive(jpeg)));

        Assert.StartsWith("Cette image fait 1200 × 1000 pixels (1,2 millions), au-delà des 1 millions acceptés", error.Message, StringComparison.Ordinal);
        Assert.Equal((1200, 1000), (processor.Process(jpeg).Width, processor.Process(jpeg).Height));
    }

    [Theory]
    [InlineData(1L << 30, 2, 2, 6_710_886)]
    [InlineData(16L << 30, 2, 2, 26_843_545)]
    [InlineData(512L << 20, 8, 1, 6_710_886)]
    [InlineData(64L << 30, 32, 4, 26_843_545)]
    public void How_many_photos_are_decoded_at_once_and_how_big_a_whole_decode_may_be_follow_the_servers_memory(
        long memory, int cores, int slots, long wholeDecodePixels)
    {
        var limits = PhotoLimits.For(memory, cores);

        Assert.Equal((slots, 50_000_000L, wholeDecodePixels), (limits.Slots, limits.MaxSourcePixels, limits.MaxWholeDecodePixels));
    }

    [Fact]
    public void A_processed_photo_is_checked_from_its_header_only_before_a_sale_keeps_it()
    {
        var photo = _processor.Process(TestImages.Jpeg(800, 600));

        _processor.CheckStorable(photo);
        Assert.Throws<PhotoRejectedException>(() => _processor.CheckStorable(photo with { Width = 801 }));
        Assert.Throws<PhotoRejectedException>(() => _processor.CheckStorable(new ProcessedPhoto(TestImages.NoisePng(80, 60), 80, 60)));
    }
}
