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
/// Checks that a photo really is an image (by its bytes, not its name), reads its dimensions before decoding anything,
/// decodes it sampled to the stored size, applies the EXIF orientation and encodes it once as JPEG, so that every stored
/// photo is small, upright and free of the camera's metadata. Photos are decoded a few at a time across the whole server
/// (<see cref="PhotoLimits.Slots"/>); the others wait their turn.
/// </summary>
public sealed class PhotoProcessor
{
    public const string Unreadable = "Cette image est illisible ou endommagée : reprenez la photo.";

    private readonly RegisFlowOptions _options;
    private readonly SemaphoreSlim _slots;

    public PhotoProcessor(RegisFlowOptions options) : this(options, PhotoLimits.ForThisMachine())
    {
    }

    public PhotoProcessor(RegisFlowOptions options, PhotoLimits limits)
    {
        _options = options;
        Limits = limits;
        _slots = new SemaphoreSlim(limits.Slots, limits.Slots);
    }

    public PhotoLimits Limits { get; }

    public long MaxBytes => _options.PhotoStorageLimitBytes;

    public string TooLargeMessage => string.Create(CultureInfo.GetCultureInfo("fr-FR"),
        $"La photo dépasse {_options.PhotoStorageLimitBytes / (1024.0 * 1024.0):0.#} Mo : reprenez-la ou choisissez une image plus légère.");

    /// <summary>Reads at most <see cref="MaxBytes"/> from <paramref name="source"/>, then processes it when a slot is free.</summary>
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
        await _slots.WaitAsync(ct);
        try
        {
            return ProcessNow(buffer.GetBuffer(), (int)buffer.Length);
        }
        finally
        {
            _slots.Release();
        }
    }

    public ProcessedPhoto Process(ReadOnlySpan<byte> bytes)
    {
        var copy = bytes.ToArray();
        _slots.Wait();
        try
        {
            return ProcessNow(copy, copy.Length);
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <summary>
    /// Checks, from its header only, that a photo given to a sale is one this processor made (a JPEG within the stored
    /// size): the sale is saved without decoding it again.
    /// </summary>
    public void CheckStorable(ProcessedPhoto photo)
    {
        if (photo.Data.Length == 0 || photo.Data.Length > MaxBytes || ImageHeaders.Format(photo.Data) != SKEncodedImageFormat.Jpeg)
        {
            throw new PhotoRejectedException(Unreadable);
        }
        using var codec = SKCodec.Create(new MemoryStream(photo.Data, writable: false));
        if (codec is null || codec.Info.Width != photo.Width || codec.Info.Height != photo.Height
            || Math.Max(photo.Width, photo.Height) > _options.PhotoMaxEdgePixels)
        {
            throw new PhotoRejectedException(Unreadable);
        }
    }

    private ProcessedPhoto ProcessNow(byte[] buffer, int length)
    {
        var bytes = buffer.AsSpan(0, length);
        if (length == 0)
        {
            throw new PhotoRejectedException("Le fichier de la photo est vide.");
        }
        if (length > MaxBytes)
        {
            throw new PhotoRejectedException(TooLargeMessage);
        }
        var format = ImageHeaders.Format(bytes)
            ?? throw new PhotoRejectedException("Ce fichier n'est pas une photo : seules les images JPEG, PNG, WebP ou HEIC sont acceptées.");
        if (format == SKEncodedImageFormat.Heif)
        {
            var jpeg = HeicConverter.ToJpeg(bytes) ?? throw new PhotoRejectedException(
                "Cette photo HEIC (iPhone) n'a pas pu être lue : réglez l'appareil photo sur « Le plus compatible » (JPEG) ou importez une photo JPEG.");
            return ProcessNow(jpeg, jpeg.Length);
        }

        using var codec = SKCodec.Create(new MemoryStream(buffer, 0, length, writable: false));
        if (codec is null || codec.EncodedFormat != format)
        {
            throw new PhotoRejectedException(Unreadable);
        }
        var size = codec.Info.Size;
        var pixels = (long)size.Width * size.Height;
        var limit = ImageHeaders.NeedsWholeDecode(bytes, format) ? Limits.MaxWholeDecodePixels : Limits.MaxSourcePixels;
        if (pixels > limit)
        {
            throw new PhotoRejectedException(
                $"Cette image fait {size.Width} × {size.Height} pixels ({PhotoLimits.Megapixels(pixels)} millions), au-delà des "
                + $"{PhotoLimits.Megapixels(limit)} millions acceptés : reprenez la photo ou enregistrez-la plus petite (JPEG).");
        }
        using var decoded = SampledDecoder.Decode(codec, format, _options.PhotoMaxEdgePixels);
        return PhotoEncoder.Encode(decoded, codec.EncodedOrigin, _options.PhotoMaxEdgePixels);
    }
}
