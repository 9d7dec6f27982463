using System.Text;

namespace RegisFlow.Tests.Browser;

/// <summary>
/// A y4m video of one EAN-13 barcode, bars drawn here from the GS1 tables, for Chromium's fake camera
/// (--use-file-for-fake-video-capture): what a tablet's camera sees when a box is held in front of it.
/// </summary>
public static class FakeBarcodeCamera
{
    private const int Width = 640;
    private const int Height = 480;
    private const int Module = 4;

    private static readonly string[] LeftOdd = ["0001101", "0011001", "0010011", "0111101", "0100011", "0110001", "0101111", "0111011", "0110111", "0001011"];
    private static readonly string[] Parity = ["LLLLLL", "LLGLGG", "LLGGLG", "LLGGGL", "LGLLGG", "LGGLLG", "LGGGLG", "LGLGLG", "LGLGGL", "LGGLGL"];

    /// <summary>The 95 modules of an EAN-13 (1 = bar).</summary>
    public static string Modules(string ean13)
    {
        var d = ean13.Select(c => c - '0').ToArray();
        var bits = new StringBuilder("101");
        for (var i = 1; i <= 6; i++)
        {
            var odd = LeftOdd[d[i]];
            bits.Append(Parity[d[0]][i - 1] == 'L' ? odd : new string(Complement(odd).Reverse().ToArray()));
        }
        bits.Append("01010");
        for (var i = 7; i <= 12; i++)
        {
            bits.Append(Complement(LeftOdd[d[i]]));
        }
        bits.Append("101");
        return bits.ToString();
    }

    private static string Complement(string bits) => new(bits.Select(b => b == '1' ? '0' : '1').ToArray());

    /// <summary>Writes a few identical 4:2:0 frames (Chromium loops the file) and returns its path.</summary>
    public static string WriteY4m(string ean13, string directory)
    {
        var modules = Modules(ean13);
        var luma = new byte[Width * Height];
        Array.Fill(luma, (byte)235);
        var left = (Width - modules.Length * Module) / 2;
        for (var y = 90; y < Height - 90; y++)
        {
            for (var m = 0; m < modules.Length; m++)
            {
                if (modules[m] == '1')
                {
                    Array.Fill(luma, (byte)16, y * Width + left + m * Module, Module);
                }
            }
        }
        var chroma = new byte[Width / 2 * (Height / 2)];
        Array.Fill(chroma, (byte)128);
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"ean-{ean13}.y4m");
        using var file = File.Create(path);
        file.Write(Encoding.ASCII.GetBytes($"YUV4MPEG2 W{Width} H{Height} F10:1 Ip A1:1 C420jpeg\n"));
        for (var frame = 0; frame < 10; frame++)
        {
            file.Write("FRAME\n"u8);
            file.Write(luma);
            file.Write(chroma);
            file.Write(chroma);
        }
        return path;
    }
}
