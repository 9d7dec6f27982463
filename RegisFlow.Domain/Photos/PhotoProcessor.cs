using System.Globalization;
using SkiaSharp;

namespace RegisFlow.Domain.Photos;

/// <summary>A photo ready to store: JPEG, upright, at most <see cref="RegisFlowOptions.PhotoMaxEdgePixels"/> on its long edge.</summary>
public sealed record ProcessedPhoto(byte[] Data, int Width, int Height)
{
    public const string JpegContentType = "image/jpeg";

    public string ContentType => JpegContentType;

    public int SizeBytes => Data.Length;
}

/// <summary>Raised when a photo cannot be kept; the message tells the seller what to do, in French.</summary>
public sealed class PhotoRejectedException(string message) : Exception(message);

/// <summary>
/// Checks that a photo really is an image (by its bytes, not its name), applies the EXIF orientation, downscales it
/// and re-encodes it as JPEG, so that every stored photo is small, upright and free of the camera's metadata.
/// </summary>
public sealed class PhotoProcessor(RegisFlowOptions options)
{
    private const int JpegQuality = 85;
    private const int ThumbnailEdge = 480;

    // A 10 MB PNG or WebP can declare a huge canvas; refuse before allocating it.
    private const long MaxDecodedPixels = 50_000_000;

    public long MaxBytes => options.PhotoStorageLimitBytes;

    public string TooLargeMessage => string.Create(CultureInfo.GetCultureInfo("fr-FR"),
        $"La photo dépasse {options.PhotoStorageLimitBytes / (1024.0 * 1024.0):0.#} Mo : reprenez-la ou choisissez une image plus légère.");

    /// <summary>Reads at most <see cref="MaxBytes"/> from <paramref name="source"/> and processes it.</summary>
    public async Task<ProcessedPhoto> ProcessAsync(Stream source, CancellationToken ct = default)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await source.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                throw new PhotoRejectedException(TooLargeMessage);
            }
            buffer.Write(chunk, 0, read);
        }
        return Process(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
    }

    public ProcessedPhoto Process(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length == 0)
        {
            throw new PhotoRejectedException("Le fichier de la photo est vide.");
        }
        if (bytes.Length > MaxBytes)
        {
            throw new PhotoRejectedException(TooLargeMessage);
        }
        var format = ImageFormatSniffer.Detect(bytes);
        if (format is null)
        {
            throw new PhotoRejectedException("Ce fichier n'est pas une photo : seules les images JPEG, PNG, WebP ou HEIC sont acceptées.");
        }

        if (format == SKEncodedImageFormat.Heif)
        {
            var jpeg = HeicConverter.ToJpeg(bytes) ?? throw new PhotoRejectedException(
                "Cette photo HEIC (iPhone) n'a pas pu être lue : réglez l'appareil photo sur « Le plus compatible » (JPEG) ou importez une photo JPEG.");
            return Process(jpeg);
        }

        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data);
        if (codec is null || codec.EncodedFormat != format)
        {
            throw new PhotoRejectedException("Cette image est illisible ou endommagée : reprenez la photo.");
        }
        using var decoded = Decode(codec);
        return Encode(decoded, codec.EncodedOrigin, options.PhotoMaxEdgePixels);
    }

    /// <summary>A small JPEG of a processed photo, for the preview in the form.</summary>
    public byte[] Thumbnail(ProcessedPhoto photo)
    {
        using var bitmap = SKBitmap.Decode(photo.Data) ?? throw new PhotoRejectedException("Cette image est illisible ou endommagée : reprenez la photo.");
        return Encode(bitmap, SKEncodedOrigin.TopLeft, ThumbnailEdge).Data;
    }

    private SKBitmap Decode(SKCodec codec)
    {
        var size = codec.Info.Size;
        var longEdge = Math.Max(size.Width, size.Height);
        // JPEG decodes directly at k/8 scale: much faster and lighter than a full decode then a resize.
        // Take the smallest such scale still at least as large as the target; the resize does the rest.
        var scaled = size;
        if (longEdge > options.PhotoMaxEdgePixels)
        {
            for (var eighths = 1; eighths < 8; eighths++)
            {
                var candidate = codec.GetScaledDimensions(eighths / 8f);
                if (Math.Max(candidate.Width, candidate.Height) >= options.PhotoMaxEdgePixels)
                {
                    scaled = candidate;
                    break;
                }
            }
        }
        if ((long)scaled.Width * scaled.Height > MaxDecodedPixels)
        {
            throw new PhotoRejectedException("Les dimensions de cette image sont trop grandes : reprenez la photo.");
        }
        var info = new SKImageInfo(scaled.Width, scaled.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        var bitmap = new SKBitmap(info);
        var result = codec.GetPixels(info, bitmap.GetPixels());
        if (result is not (SKCodecResult.Success or SKCodecResult.IncompleteInput))
        {
            bitmap.Dispose();
            throw new PhotoRejectedException("Cette image est illisible ou endommagée : reprenez la photo.");
        }
        return bitmap;
    }

    private static ProcessedPhoto Encode(SKBitmap source, SKEncodedOrigin origin, int maxEdge)
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
        using var image = SKImage.FromBitmap(source);
        using var paint = new SKPaint();
        canvas.DrawImage(image, SKRect.Create(width, height), new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear), paint);
        canvas.Flush();

        using var snapshot = surface.Snapshot();
        using var jpeg = snapshot.Encode(SKEncodedImageFormat.Jpeg, JpegQuality);
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

/// <summary>Recognises an image by its first bytes, whatever the file is called.</summary>
internal static class ImageFormatSniffer
{
    private static readonly string[] HeifBrands = ["heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1"];

    public static SKEncodedImageFormat? Detect(ReadOnlySpan<byte> b)
    {
        if (b.Length >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF)
        {
            return SKEncodedImageFormat.Jpeg;
        }
        if (b.Length >= 8 && b[..8].SequenceEqual((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return SKEncodedImageFormat.Png;
        }
        if (b.Length >= 12 && b[..4].SequenceEqual("RIFF"u8) && b[8..12].SequenceEqual("WEBP"u8))
        {
            return SKEncodedImageFormat.Webp;
        }
        if (b.Length >= 12 && b[4..8].SequenceEqual("ftyp"u8) && HeifBrands.Contains(System.Text.Encoding.ASCII.GetString(b[8..12])))
        {
            return SKEncodedImageFormat.Heif;
        }
        return null;
    }
}
