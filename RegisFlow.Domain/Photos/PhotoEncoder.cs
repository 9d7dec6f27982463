using SkiaSharp;

namespace RegisFlow.Domain.Photos;

/// <summary>
/// The one encode of a photo: resized to the stored size, turned upright, on white, as JPEG. The decoded source is less
/// than twice the stored size (<see cref="SampledDecoder"/>), so bilinear filtering needs no mipmaps (a third more memory).
/// </summary>
internal static class PhotoEncoder
{
    private const int JpegQuality = 85;

    public static ProcessedPhoto Encode(SKBitmap source, SKEncodedOrigin origin, int maxEdge)
    {
        var scale = Math.Min(1.0, (double)maxEdge / Math.Max(source.Width, source.Height));
        var width = Math.Max(1, (int)Math.Round(source.Width * scale));
        var height = Math.Max(1, (int)Math.Round(source.Height * scale));
        var swapsAxes = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var (outWidth, outHeight) = swapsAxes ? (height, width) : (width, height);

        using var surface = SKSurface.Create(new SKImageInfo(outWidth, outHeight, SKColorType.Rgba8888, SKAlphaType.Premul))
            ?? throw new PhotoRejectedException("Les dimensions de cette image sont trop grandes : reprenez la photo.");
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        canvas.SetMatrix(OrientationMatrix(origin, outWidth, outHeight));
        source.SetImmutable(); // drawn without a copy of its pixels
        using (var image = SKImage.FromBitmap(source))
        using (var paint = new SKPaint())
        {
            canvas.DrawImage(image, SKRect.Create(width, height), new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.None), paint);
        }
        canvas.Flush();

        using var pixels = surface.PeekPixels() ?? throw new PhotoRejectedException(PhotoProcessor.Unreadable);
        using var jpeg = pixels.Encode(new SKJpegEncoderOptions(JpegQuality, SKJpegEncoderDownsample.Downsample420, SKJpegEncoderAlphaOption.Ignore))
            ?? throw new PhotoRejectedException(PhotoProcessor.Unreadable);
        return new ProcessedPhoto(jpeg.ToArray(), outWidth, outHeight);
    }

    /// <summary>Maps the stored pixels to the upright picture of size <paramref name="w"/>×<paramref name="h"/> (EXIF orientations 1 to 8).</summary>
    private static SKMatrix OrientationMatrix(SKEncodedOrigin origin, float w, float h) => origin switch
    {
        SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, w, 0, 1, 0, 0, 0, 1),
        SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, w, 0, -1, h, 0, 0, 1),
        SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, h, 0, 0, 1),
        SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),
        SKEncodedOrigin.RightTop => new SKMatrix(0, -1, w, 1, 0, 0, 0, 0, 1),
        SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, w, -1, 0, h, 0, 0, 1),
        SKEncodedOrigin.LeftBottom => new SKMatrix(0, 1, 0, -1, 0, h, 0, 0, 1),
        _ => SKMatrix.Identity,
    };
}
