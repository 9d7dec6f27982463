using System.Globalization;
using RegisFlow.Domain.Database;

namespace RegisFlow.Domain.Photos;

/// <summary>
/// What photo decoding may cost on this server, checked on the dimensions read from the header before anything is
/// decoded. JPEG and lossy WebP decode sampled to the stored size, so their memory follows
/// <see cref="RegisFlowOptions.PhotoMaxEdgePixels"/>, not the picture; they are refused beyond <see cref="MaxSourcePixels"/>
/// (time). What a decoder must hold whole (PNG, progressive JPEG, lossless or extended WebP) is refused beyond
/// <see cref="MaxWholeDecodePixels"/> (memory). At most <see cref="Slots"/> photos are decoded at a time across the server.
/// </summary>
public sealed record PhotoLimits(int Slots, long MaxSourcePixels, long MaxWholeDecodePixels)
{
    /// <summary>A 48-megapixel phone camera fits; a PNG declaring 100,000 × 100,000 pixels does not.</summary>
    public const long DefaultMaxSourcePixels = 50_000_000;

    /// <summary>What a whole-image decode holds per pixel: RGBA, and its averaged copy or libjpeg's coefficients.</summary>
    public const int WholeDecodeBytesPerPixel = 5;

    private const long SlotMemory = 512L << 20;

    /// <summary>
    /// One slot per core and per 512 MB (1 to 4), and for each slot a sixteenth of the memory left to it, between 32 MB
    /// and 128 MB, for a whole-image decode: a 1 GB container decodes two photos at a time and a PNG up to 6.7 Mpx; a
    /// server with 4 GB or more, a PNG up to 26.8 Mpx.
    /// </summary>
    public static PhotoLimits For(long memoryBytes, int cores)
    {
        var slots = (int)Math.Clamp(Math.Min(cores, memoryBytes / SlotMemory), 1, 4);
        var budget = Math.Clamp(memoryBytes / (16L * slots), 32L << 20, 128L << 20);
        return new PhotoLimits(slots, DefaultMaxSourcePixels, Math.Min(DefaultMaxSourcePixels, budget / WholeDecodeBytesPerPixel));
    }

    /// <summary>The limits of the machine (or container) the app runs on.</summary>
    public static PhotoLimits ForThisMachine() => For(MachineMemory.AvailableBytes(), Environment.ProcessorCount);

    public static string Megapixels(long pixels) => (pixels / 1e6).ToString("0.#", CultureInfo.GetCultureInfo("fr-FR"));
}
