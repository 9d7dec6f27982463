using SkiaSharp;

namespace RegisFlow.Domain.Photos;

/// <summary>
/// Decodes a picture to about the stored size. JPEG decodes at k/8 scale and WebP at any scale natively, so their
/// pixels never exist at full size here; PNG can only be decoded whole (its size is capped beforehand, see
/// <see cref="PhotoLimits.MaxWholeDecodePixels"/>) and is averaged down by blocks at once. The result is at least
/// <c>maxEdge</c> on its long edge (when the source is) and less than twice it; <see cref="PhotoEncoder"/> does the last resize.
/// </summary>
internal static class SampledDecoder
{
    public static SKBitmap Decode(SKCodec codec, SKEncodedImageFormat format, int maxEdge)
    {
        var size = codec.Info.Size;
        var longEdge = Math.Max(size.Width, size.Height);
        if (format == SKEncodedImageFormat.Png)
        {
            using var whole = DecodeAt(codec, size);
            return longEdge / maxEdge >= 2 ? AverageDown(whole, longEdge / maxEdge) : whole.Copy();
        }
        return DecodeAt(codec, ScaledSize(codec, format, size, maxEdge));
    }

    private static SKSizeI ScaledSize(SKCodec codec, SKEncodedImageFormat format, SKSizeI size, int maxEdge)
    {
        var longEdge = Math.Max(size.Width, size.Height);
        if (longEdge <= maxEdge)
        {
            return size;
        }
        if (format == SKEncodedImageFormat.Webp)
        {
            return codec.GetScaledDimensions((float)maxEdge / longEdge);
        }
        // JPEG: the smallest k/8 scale still at least as large as the target.
        for (var eighths = 1; eighths < 8; eighths++)
        {
            var candidate = codec.GetScaledDimensions(eighths / 8f);
            if (Math.Max(candidate.Width, candidate.Height) >= maxEdge)
            {
                return candidate;
            }
        }
        return size;
    }

    private static SKBitmap DecodeAt(SKCodec codec, SKSizeI scaled)
    {
        var bitmap = new SKBitmap(new SKImageInfo(scaled.Width, scaled.Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var result = codec.GetPixels(bitmap.Info, bitmap.GetPixels());
        if (result is not (SKCodecResult.Success or SKCodecResult.IncompleteInput))
        {
            bitmap.Dispose();
            throw new PhotoRejectedException(PhotoProcessor.Unreadable);
        }
        return bitmap;
    }

    /// <summary>Each output pixel is the mean of a <paramref name="factor"/>² block (premultiplied RGBA, so transparency averages right).</summary>
    private static SKBitmap AverageDown(SKBitmap source, int factor)
    {
        int width = source.Width / factor, height = source.Height / factor;
        var result = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        ReadOnlySpan<byte> input = source.GetPixelSpan();
        var output = result.GetPixelSpan();
        var sums = new uint[width * 4];
        var blockBytes = factor * 4;
        var divisor = (uint)(factor * factor);
        for (var y = 0; y < height; y++)
        {
            Array.Clear(sums);
            for (var k = 0; k < factor; k++)
            {
                var row = input.Slice((y * factor + k) * source.RowBytes, width * blockBytes);
                for (var i = 0; i < row.Length; i++)
                {
                    sums[i / blockBytes * 4 + (i & 3)] += row[i];
                }
            }
            var target = output.Slice(y * result.RowBytes, width * 4);
            for (var i = 0; i < target.Length; i++)
            {
                target[i] = (byte)(sums[i] / divisor);
            }
        }
        return result;
    }
}
