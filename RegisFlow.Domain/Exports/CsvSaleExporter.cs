using CsvHelper;
using RegisFlow.Domain.History;

namespace RegisFlow.Domain.Exports;

/// <summary>
/// One row per product line with every field of its sale; ';' separated, UTF-8 with BOM, French dates, safe to open in a spreadsheet:
/// nothing typed runs as a formula, and identifiers (document numbers, barcodes) stay exactly as typed when Excel opens the file.
/// </summary>
public sealed class CsvSaleExporter : ISaleExporter
{
    public ExportFormat Format => ExportFormat.Csv;
    public string ContentType => "text/csv";
    public string Extension => "csv";
    public bool IncludesPhotos => false;

    /// <summary>What a spreadsheet runs as a formula when a cell starts with it (OWASP "CSV injection").</summary>
    private const string FormulaStarts = "=+-@\t\r";

    public ISaleExportWriter Open(Stream output, ExportContext context) => new Writer(output, context);

    /// <summary>
    /// The text of one cell. Typed text starting like a formula gets a leading apostrophe. An identifier that a spreadsheet would read
    /// as a number or a date (digits, possibly with E, separators or signs) is written as the formula ="…", which Excel shows as
    /// that exact text: the value inside the quotes is data, never evaluated.
    /// </summary>
    public static string Cell(string value, bool isCode)
    {
        if (isCode && value.Length > 0 && value.All(c => char.IsAsciiDigit(c) || c is 'E' or 'e' or '.' or ',' or '-' or '+' or '/' or ':' or ' '))
        {
            return "=\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        }
        return value.Length > 0 && FormulaStarts.Contains(value[0], StringComparison.Ordinal) ? "'" + value : value;
    }

    private sealed class Writer(Stream output, ExportContext context) : ISaleExportWriter
    {
        private readonly CsvWriter _csv = CsvWriter.Create(output, CsvWriterOptions.Default with
        {
            Separator = ';',
            WriteByteOrderMark = true,
            // Cell() neutralises formulas itself, so that the ="…" of an identifier can go through.
            Injection = CsvInjection.None,
            FormatProvider = ExportContext.French,
        }, leaveOpen: true);

        private bool _started;

        public async Task WriteAsync(ExportBatch batch, CancellationToken ct)
        {
            await StartAsync(ct);
            foreach (var sale in batch.Sales)
            {
                foreach (var row in RegisterTable.Rows(sale))
                {
                    for (var i = 0; i < row.Length; i++)
                    {
                        _csv.WriteField(Cell(row[i]?.Display(context.Zone) ?? "", RegisterTable.IsCode[i]));
                    }
                    await _csv.EndRecordAsync(ct);
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
                foreach (var header in RegisterTable.Headers)
                {
                    _csv.WriteField(header);
                }
                await _csv.EndRecordAsync(ct);
            }
        }
    }
}
