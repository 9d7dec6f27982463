using System.Globalization;

namespace RegisFlow.Benchmarks;

/// <summary>The sizes and switches of one run; <c>--quick</c> is a smoke run, the default is the full size of issue 15.</summary>
internal sealed class BenchOptions
{
    public static readonly string[] CaseNames = ["history", "search", "photos", "save", "csv", "excel", "pdf", "circuits", "load", "backup", "restore", "purge", "original"];

    public bool Quick { get; private set; }
    public int Sales { get; private set; } = 1_000_000;
    public int PhotoSales { get; private set; } = 5_000;
    public int ExpiredSales { get; private set; } = 200_000;
    public int ComparisonSales { get; private set; } = 400;
    public int CsvSales { get; private set; } = 100_000;
    public int ExcelSales { get; private set; } = 1_000;
    public int PdfSales { get; private set; } = 485;
    public int SeasonPdfSales { get; private set; } = 5_000;
    public int Circuits { get; private set; } = 100;
    public int Concurrency { get; private set; } = 200;
    public int LoadSeconds { get; private set; } = 20;
    public int Repeat { get; private set; } = 5;

    /// <summary>Backups, restores and the season's PDF take minutes each: fewer runs.</summary>
    public int HeavyRepeat { get; private set; } = 2;

    public string Output { get; private set; } = "docs/performance.md";
    public string WorkDirectory { get; private set; } = "/tmp/regisflow-bench";
    public string? AppDll { get; private set; }
    public string? ConnectionString { get; private set; }
    public bool Reset { get; private set; }
    public bool ReuseData { get; private set; }
    public IReadOnlySet<string> Cases { get; private set; } = CaseNames.ToHashSet();
    public string? OriginalUrl { get; private set; }
    public string? OriginalUser { get; private set; }
    public string? OriginalPassword { get; private set; }
    public bool OriginalSeed { get; private set; }
    public string CommandLine { get; private set; } = "";

    public bool Runs(string name) => Cases.Contains(name);

    public static BenchOptions Parse(IReadOnlyList<string> args, string command)
    {
        var options = new BenchOptions { CommandLine = ("scripts/benchmark.sh " + command + " " + string.Join(' ', args)).Trim() };
        if (args.Contains("--quick"))
        {
            options.UseQuickSizes();
        }
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name} attend une valeur.");
            int Number() => int.Parse(Value(), NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
            switch (name)
            {
                case "--quick": break;
                case "--sales": options.Sales = Number(); break;
                case "--photo-sales": options.PhotoSales = Number(); break;
                case "--expired-sales": options.ExpiredSales = Number(); break;
                case "--comparison-sales": options.ComparisonSales = Number(); break;
                case "--csv-sales": options.CsvSales = Number(); break;
                case "--excel-sales": options.ExcelSales = Number(); break;
                case "--pdf-sales": options.PdfSales = Number(); break;
                case "--season-pdf-sales": options.SeasonPdfSales = Number(); break;
                case "--circuits": options.Circuits = Number(); break;
                case "--concurrency": options.Concurrency = Number(); break;
                case "--load-seconds": options.LoadSeconds = Number(); break;
                case "--repeat": options.Repeat = Number(); break;
                case "--heavy-repeat": options.HeavyRepeat = Number(); break;
                case "--output": options.Output = Value(); break;
                case "--work-dir": options.WorkDirectory = Path.GetFullPath(Value()); break;
                case "--app": options.AppDll = Path.GetFullPath(Value()); break;
                case "--connection": options.ConnectionString = Value(); break;
                case "--reset": options.Reset = true; break;
                case "--reuse-data": options.ReuseData = true; break;
                case "--only": options.Cases = Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(); break;
                case "--original": options.OriginalUrl = Value().TrimEnd('/'); break;
                case "--original-user": options.OriginalUser = Value(); break;
                case "--original-password": options.OriginalPassword = Value(); break;
                case "--original-seed": options.OriginalSeed = true; break;
                default: throw new ArgumentException($"Option inconnue : {name}");
            }
        }
        var unknown = options.Cases.Except(CaseNames).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"Cas inconnus : {string.Join(", ", unknown)} (cas : {string.Join(", ", CaseNames)}).");
        }
        if (options.PhotoSales > options.Sales || options.ExpiredSales > options.Sales - options.PhotoSales)
        {
            throw new ArgumentException("Il faut --photo-sales + --expired-sales <= --sales.");
        }
        return options;
    }

    private void UseQuickSizes()
    {
        Quick = true;
        (Sales, PhotoSales, ExpiredSales, ComparisonSales) = (20_000, 1_200, 4_000, 100);
        (CsvSales, ExcelSales, PdfSales, SeasonPdfSales) = (5_000, 200, 100, 1_000);
        (Circuits, Concurrency, LoadSeconds, Repeat, HeavyRepeat) = (20, 50, 5, 3, 2);
    }

    public IReadOnlyList<(string Name, string Value)> Describe() =>
    [
        ("mode", Quick ? "quick (smoke run)" : "full (sizes of issue 15)"),
        ("sales", $"{Fmt(Sales)} over 24 months in 5 stores, {Fmt(ExpiredSales)} of them older than the 19-month retention"),
        ("photos", $"3 real JPEGs on the newest {Fmt(PhotoSales)} sales"),
        ("comparison store", $"{Fmt(ComparisonSales)} sales with 3 photos each (the case run against the original too)"),
        ("exports", $"CSV ~{Fmt(CsvSales)} sales, Excel ~{Fmt(ExcelSales)} and PDF ~{Fmt(PdfSales)} sales with photos, PDF of a season ~{Fmt(SeasonPdfSales)}"),
        ("circuits and load", $"{Circuits} open circuits; {Concurrency} concurrent requests for {LoadSeconds} s"),
        ("repeats", $"{Repeat} per figure ({HeavyRepeat} for backup, restore and the season's PDF; the purge runs once)"),
    ];

    private static string Fmt(int n) => n.ToString("N0", CultureInfo.GetCultureInfo("en-US"));
}
