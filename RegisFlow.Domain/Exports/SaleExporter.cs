using System.Globalization;
using RegisFlow.Domain.History;

namespace RegisFlow.Domain.Exports;

public enum ExportFormat
{
    Csv,
    Pdf,
    Xlsx,
}

/// <summary>What every export prints at its top, and how it writes dates.</summary>
public sealed record ExportContext(string StoreLabel, DateOnly? From, DateOnly? To, DateTimeOffset GeneratedAt, TimeZoneInfo Zone)
{
    public static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    public const string Title = "Registre des ventes d'artifices";

    /// <summary>How many sales the export holds (as planned).</summary>
    public int SaleCount { get; init; }

    /// <summary>Who asked for it.</summary>
    public string GeneratedBy { get; init; } = "";

    public DateTime Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone).DateTime;

    public string DateTime(DateTimeOffset instant) => Local(instant).ToString("dd/MM/yyyy HH:mm", French);

    public static string Date(DateOnly date) => date.ToString("dd/MM/yyyy", French);

    public string Period => (From, To) switch
    {
        (null, null) => "Toutes les dates",
        ({ } from, null) => $"Depuis le {Date(from)}",
        (null, { } to) => $"Jusqu'au {Date(to)}",
        ({ } from, { } to) => $"Du {Date(from)} au {Date(to)}",
    };
}

/// <summary>A batch of sales in register order, with the bytes of their photos by photo id (empty when the format has no photos).</summary>
public sealed record ExportBatch(IReadOnlyList<SaleRecord> Sales, IReadOnlyDictionary<long, byte[]> Photos);

/// <summary>Writes one export file, batch after batch; nothing but the current batch needs to stay in memory.</summary>
public interface ISaleExportWriter : IAsyncDisposable
{
    /// <summary>True when the writer must see every sale (without photos) before the first batch is written.</summary>
    bool WantsPreview => false;

    void Preview(IReadOnlyList<SaleRecord> sales)
    {
    }

    Task WriteAsync(ExportBatch batch, CancellationToken ct);

    Task CompleteAsync(CancellationToken ct);
}

public interface ISaleExporter
{
    ExportFormat Format { get; }
    string ContentType { get; }
    string Extension { get; }
    bool IncludesPhotos { get; }

    ISaleExportWriter Open(Stream output, ExportContext context);
}

/// <summary>An export or a register too large for one file: the message says how to narrow it.</summary>
public sealed class ExportTooLargeException(string message) : Exception(message);
