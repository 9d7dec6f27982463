using System.Globalization;
using CsvHelper;
using RegisFlow.Domain.History;
using RegisFlow.Domain.Photos;
using RegisFlow.Domain.Sales;

namespace RegisFlow.Domain.Exports;

/// <summary>One row per product line with every field of its sale; ';' separated, UTF-8 with BOM, French dates, safe to open in a spreadsheet.</summary>
public sealed class CsvSaleExporter : ISaleExporter
{
    public static readonly string[] Headers =
    [
        "N° vente", "Magasin", "Date de vente", "Vendeur", "Nom", "Prénom", "Date de naissance", "Lieu de naissance",
        "Adresse", "Moyen de paiement", "Type de pièce", "N° de pièce", "Autorité de délivrance", "Date de délivrance",
        "Ligne", "Type d'article", "Catégorie", "Quantité", "EAN-13", "Photos", "Saisie par", "Saisie le",
    ];

    public ExportFormat Format => ExportFormat.Csv;
    public string ContentType => "text/csv";
    public string Extension => "csv";
    public bool IncludesPhotos => false;
    public int? MaxSales => null;

    public ISaleExportWriter Open(Stream output, ExportContext context) => new Writer(output, context);

    /// <summary>The cells of one product line (or of a sale without lines), as the register shows them.</summary>
    public static IEnumerable<string[]> Rows(SaleRecord sale, ExportContext context)
    {
        var lines = sale.Lines.Count > 0 ? sale.Lines.Cast<SaleLineRecord?>() : [null];
        var photos = string.Join(", ", sale.Photos.Select(p => p.Kind.Label()));
        foreach (var line in lines)
        {
            yield return
            [
                sale.Id.ToString(CultureInfo.InvariantCulture), sale.StoreName, context.DateTime(sale.SoldAt), sale.SellerName,
                sale.BuyerLastName, sale.BuyerFirstName, ExportContext.Date(sale.BuyerBirthDate), sale.BuyerBirthPlace,
                sale.BuyerAddress, sale.PaymentMethod.Label(), sale.IdDocumentType.Label(), sale.IdDocumentNumber,
                sale.IdDocumentAuthority ?? "", ExportContext.Date(sale.IdDocumentIssueDate),
                line?.Position.ToString(CultureInfo.InvariantCulture) ?? "", line?.ArticleType.Label() ?? "",
                line?.Category.ToString() ?? "", line?.Quantity.ToString(CultureInfo.InvariantCulture) ?? "", line?.Ean13 ?? "",
                photos, sale.CreatedBy ?? "", context.DateTime(sale.CreatedAt),
            ];
        }
    }

    private sealed class Writer(Stream output, ExportContext context) : ISaleExportWriter
    {
        // Escape: a cell starting with = + - @, tab or CR gets a leading quote, so a spreadsheet never runs it as a formula.
        private readonly CsvWriter _csv = CsvWriter.Create(output, CsvWriterOptions.Default with
        {
            Separator = ';',
            WriteByteOrderMark = true,
            Injection = CsvInjection.Escape,
            FormatProvider = ExportContext.French,
        }, leaveOpen: true);

        private bool _started;

        public async Task WriteAsync(ExportBatch batch, CancellationToken ct)
        {
            await StartAsync(ct);
            foreach (var sale in batch.Sales)
            {
                foreach (var row in Rows(sale, context))
                {
                    await WriteRowAsync(row, ct);
                }
            }
            await _csv.FlushAsync(ct);
        }

        public async Task CompleteAsync(CancellationToken ct)
        {
            await StartAsync(ct);
            await _csv.FlushAsync(ct);
        }

        public ValueTask DisposeAsync() => _csv.DisposeAsync();

        private async Task StartAsync(CancellationToken ct)
        {
            if (!_started)
            {
                _started = true;
                await WriteRowAsync(Headers, ct);
            }
        }

        private async Task WriteRowAsync(IEnumerable<string> cells, CancellationToken ct)
        {
            foreach (var cell in cells)
            {
                _csv.WriteField(cell);
            }
            await _csv.EndRecordAsync(ct);
        }
    }
}
