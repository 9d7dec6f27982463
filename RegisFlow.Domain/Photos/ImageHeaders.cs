using System.Buffers.Binary;
using SkiaSharp;

namespace RegisFlow.Domain.Photos;

/// <summary>What the first bytes of an image say, whatever the file is called.</summary>
internal static class ImageHeaders
{
    private static readonly string[] HeifBrands = ["heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1"];

    public static SKEncodedImageFormat? Format(ReadOnlySpan<byte> b)
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

    /// <summary>
    /// True when the picture is held whole while decoding, whatever the output size: a PNG (Skia decodes it only whole),
    /// a progressive JPEG (SOF2, 6, 10, 14: libjpeg keeps every coefficient), a WebP that is not simple lossy "VP8 "
    /// (libwebp's lossless decoder keeps every pixel; extended files may hold one).
    /// </summary>
    public static bool NeedsWholeDecode(ReadOnlySpan<byte> b, SKEncodedImageFormat format) => format switch
    {
        SKEncodedImageFormat.Jpeg => JpegFrameMarker(b) is 0xC2 or 0xC6 or 0xCA or 0xCE,
        SKEncodedImageFormat.Webp => !(b.Length >= 16 && b[12..16].SequenceEqual("VP8 "u8)),
        _ => true,
    };

    /// <summary>The marker of the JPEG's frame header (SOF0 to SOF15), found by walking the segments after SOI.</summary>
    private static byte? JpegFrameMarker(ReadOnlySpan<byte> b)
    {
        var i = 2;
        while (i + 4 <= b.Length)
        {
            if (b[i] != 0xFF)
            {
                return null;
            }
            var marker = b[i + 1];
            if (marker == 0xFF)
            {
                i++; // fill byte
                continue;
            }
            if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
            {
                return marker;
            }
            if (marker is 0xD9 or 0xDA)
            {
                return null; // end of image, or scan data before any frame header
            }
            i += 2 + BinaryPrimitives.ReadUInt16BigEndian(b[(i + 2)..]);
        }
        return null;
    }
}
