using System.Text;
using RegisFlow.Domain;
using RegisFlow.Domain.Photos;
using SkiaSharp;

namespace RegisFlow.Benchmarks.Data;

/// <summary>
/// Real JPEG photos of at least <see cref="TargetBytes"/> bytes (about 175 KB with these pictures), as the app stores them: a few drawn pictures (an identity card,
/// a receipt) put through the app's own <see cref="PhotoProcessor"/>, each stored copy made distinct by a JPEG comment.
/// </summary>
internal sealed class PhotoPool
{
    public const int TargetBytes = 150 * 1024;
    private const int Variants = 12;

    private readonly List<ProcessedPhoto> _photos = [];

    public PhotoPool(int seed)
    {
        var processor = new PhotoProcessor(new RegisFlowOptions());
        var random = new Random(seed);
        // Noise decides the size of a JPEG: found once per kind of picture (card, receipt) by bisection, then reused.
        var noiseFor = new Dictionary<bool, int>();
        for (var i = 0; i < Variants; i++)
        {
            var card = i % 2 == 0;
            var pictureSeed = random.Next();
            if (!noiseFor.TryGetValue(card, out var noise))
            {
                var (low, high) = (1, 120);
                while (low < high)
                {
                    noise = (low + high) / 2;
                    var size = processor.Process(Draw(1800, 1140, pictureSeed, noise, card)).SizeBytes;
                    (low, high) = size < TargetBytes ? (noise + 1, high) : (low, noise);
                }
                noiseFor[card] = noise = low;
            }
            _photos.Add(processor.Process(Draw(1800, 1140, pictureSeed, noise, card)));
        }
    }

    public double AverageBytes => _photos.Average(p => p.SizeBytes);

    /// <summary>A photo for one sale: one of the pool's pictures, distinct by its comment naming the sale and the kind.</summary>
    public ProcessedPhoto For(long saleId, PhotoKind kind)
    {
        var photo = _photos[(int)((saleId * 3 + (int)kind) % _photos.Count)];
        return new ProcessedPhoto(WithComment(photo.Data, $"RegisFlow benchmark, vente {saleId}, {kind}"), photo.Width, photo.Height);
    }

    /// <summary>A JPEG of 92 to 100 % of <paramref name="bytes"/> straight from a "camera" (not processed), for the upload cases.</summary>
    public static byte[] CameraJpeg(int bytes, int seed)
    {
        var (width, height) = bytes > 6_000_000 ? (4000, 3000) : (3000, 2250);
        var (low, high) = (1, 255);
        byte[] jpeg = [];
        // The size grows with the noise: halve the interval until the file is just under the wanted size.
        while (low <= high)
        {
            var noise = (low + high) / 2;
            jpeg = Draw(width, height, seed, noise, card: true, quality: 95);
            if (jpeg.Length > bytes)
            {
                high = noise - 1;
            }
            else if (jpeg.Length < bytes * 0.92)
            {
                low = noise + 1;
            }
            else
            {
                return jpeg;
            }
        }
        return jpeg.Length <= bytes ? jpeg : Draw(width, height, seed, Math.Max(1, high), card: true, quality: 95);
    }

    private static byte[] Draw(int width, int height, int seed, int noise, bool card, int quality = 92)
    {
        var random = new Random(seed);
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(bitmap))
        {
            using var background = new SKPaint
            {
                Shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(width, height),
                    [card ? new SKColor(196, 214, 236) : new SKColor(250, 248, 240), card ? new SKColor(236, 222, 240) : new SKColor(228, 226, 220)],
                    SKShaderTileMode.Clamp),
            };
            canvas.DrawRect(0, 0, width, height, background);
            using var ink = new SKPaint { Color = new SKColor(30, 40, 60), IsAntialias = true };
            using var font = new SKFont(SKTypeface.Default, height / 22f);
            var lines = card
                ? new[] { "RÉPUBLIQUE FRANÇAISE", "CARTE NATIONALE D'IDENTITÉ", "Nom : LEFÈVRE", "Prénom(s) : Hélène, Marie", "Né(e) le : 14.06.1985", "à : BESANÇON (25)" }
                : new[] { "ARTIFICES LYON PART-DIEU", "Ticket n° 004512", "Batterie 25 coups  x1   49,90", "Fusée F2  x3          17,70", "TOTAL               67,60 €", "Carte Bancaire" };
            for (var i = 0; i < lines.Length; i++)
            {
                canvas.DrawText(lines[i], width * (card ? 0.38f : 0.1f), height * (0.15f + i * 0.12f), font, ink);
            }
            if (card)
            {
                using var face = new SKPaint { Color = new SKColor(150, 120, 100), IsAntialias = true };
                canvas.DrawRoundRect(width * 0.05f, height * 0.2f, width * 0.28f, height * 0.6f, 20, 20, face);
                canvas.DrawCircle(width * 0.19f, height * 0.4f, height * 0.12f, ink);
            }
        }
        // Sensor noise: what makes a real photo weigh what it weighs.
        var pixels = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, uint>(bitmap.GetPixelSpan());
        for (var i = 0; i < pixels.Length; i++)
        {
            var n = random.Next(-noise, noise + 1);
            var p = pixels[i];
            pixels[i] = (p & 0xFF000000)
                | (uint)Math.Clamp((int)((p >> 16) & 0xFF) + n, 0, 255) << 16
                | (uint)Math.Clamp((int)((p >> 8) & 0xFF) + n, 0, 255) << 8
                | (uint)Math.Clamp((int)(p & 0xFF) + n, 0, 255);
        }
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, quality);
        return data.ToArray();
    }

    /// <summary>
    /// The same JPEG with a comment segment (FF FE) after its JFIF header: still the same picture, different bytes. Readers that
    /// check the start of the file (PDFsharp wants FF D8 FF E0) see it unchanged.
    /// </summary>
    private static byte[] WithComment(byte[] jpeg, string comment)
    {
        var at = jpeg[2] == 0xFF && jpeg[3] == 0xE0 ? 4 + (jpeg[4] << 8 | jpeg[5]) : 2;
        var text = Encoding.ASCII.GetBytes(comment);
        var segment = new byte[4 + text.Length];
        segment[0] = 0xFF;
        segment[1] = 0xFE;
        segment[2] = (byte)((text.Length + 2) >> 8);
        segment[3] = (byte)(text.Length + 2);
        text.CopyTo(segment, 4);
        return [.. jpeg.AsSpan(0, at), .. segment, .. jpeg.AsSpan(at)];
    }
}
