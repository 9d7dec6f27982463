using System.IO.Compression;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace RegisFlow.Domain.Exports;

/// <summary>The fixed parts of the workbook package: content types, relationships, workbook and styles.</summary>
internal static class XlsxPackage
{
    public const string RelationshipsNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    public const string PackageRelationshipsNamespace = "http://schemas.openxmlformats.org/package/2006/relationships";
    private const string SpreadsheetMl = "application/vnd.openxmlformats-officedocument.spreadsheetml.";

    /// <summary>
    /// The workbook around its sheets: <paramref name="salesSheets"/> (each with its autofilter range, sheet1.xml, sheet2.xml...) then
    /// the photos sheet, whose drawing is drawing1.xml.
    /// </summary>
    public static void WriteWorkbook(ZipArchive zip, IReadOnlyList<(string Name, string FilterRange)> salesSheets, string photosSheet)
    {
        var count = salesSheets.Count + 1;
        WriteXml(zip, "[Content_Types].xml", xml =>
        {
            xml.WriteStartElement("Types", "http://schemas.openxmlformats.org/package/2006/content-types");
            Default(xml, "rels", "application/vnd.openxmlformats-package.relationships+xml");
            Default(xml, "xml", "application/xml");
            Default(xml, "jpeg", "image/jpeg");
            Default(xml, "png", "image/png");
            Override(xml, "/xl/workbook.xml", SpreadsheetMl + "sheet.main+xml");
            Override(xml, "/xl/styles.xml", SpreadsheetMl + "styles+xml");
            for (var i = 1; i <= count; i++)
            {
                Override(xml, $"/xl/worksheets/sheet{i}.xml", SpreadsheetMl + "worksheet+xml");
            }
            Override(xml, "/xl/drawings/drawing1.xml", "application/vnd.openxmlformats-officedocument.drawing+xml");
            xml.WriteEndElement();
        });
        WriteRelationships(zip, "_rels/.rels", ("rId1", "officeDocument", "xl/workbook.xml"));
        WriteRelationships(zip, "xl/_rels/workbook.xml.rels",
            [.. Enumerable.Range(1, count).Select(i => ($"rId{i}", "worksheet", $"worksheets/sheet{i}.xml")), ($"rId{count + 1}", "styles", "styles.xml")]);
        Save(zip, "xl/styles.xml", XlsxStyles.Create());
        var names = salesSheets.Select(s => s.Name).Append(photosSheet).ToList();
        Save(zip, "xl/workbook.xml", new Workbook(
            new Sheets(names.Select((name, i) => new Sheet { Name = name, SheetId = (uint)(i + 1), Id = $"rId{i + 1}" })),
            new DefinedNames(salesSheets.Select((sheet, i) =>
                new DefinedName(sheet.FilterRange) { Name = "_xlnm._FilterDatabase", LocalSheetId = (uint)i, Hidden = true }))));
    }

    public static void WriteRelationships(ZipArchive zip, string name, params (string Id, string Type, string Target)[] relationships) =>
        WriteXml(zip, name, xml =>
        {
            xml.WriteStartElement("Relationships", PackageRelationshipsNamespace);
            foreach (var (id, type, target) in relationships)
            {
                WriteRelationship(xml, id, type, target);
            }
            xml.WriteEndElement();
        });

    public static void WriteRelationship(XmlWriter xml, string id, string type, string target)
    {
        xml.WriteStartElement("Relationship", PackageRelationshipsNamespace);
        xml.WriteAttributeString("Id", id);
        xml.WriteAttributeString("Type", $"{RelationshipsNamespace}/{type}");
        xml.WriteAttributeString("Target", target);
        xml.WriteEndElement();
    }

    private static void Save(ZipArchive zip, string name, OpenXmlPartRootElement root)
    {
        using var stream = zip.CreateEntry(name, CompressionLevel.Fastest).Open();
        root.Save(stream);
    }

    private static void WriteXml(ZipArchive zip, string name, Action<XmlWriter> write)
    {
        using var stream = zip.CreateEntry(name, CompressionLevel.Fastest).Open();
        using var xml = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new System.Text.UTF8Encoding(false) });
        xml.WriteStartDocument(true);
        write(xml);
        xml.WriteEndDocument();
    }

    private static void Default(XmlWriter xml, string extension, string contentType)
    {
        xml.WriteStartElement("Default", "http://schemas.openxmlformats.org/package/2006/content-types");
        xml.WriteAttributeString("Extension", extension);
        xml.WriteAttributeString("ContentType", contentType);
        xml.WriteEndElement();
    }

    private static void Override(XmlWriter xml, string part, string contentType)
    {
        xml.WriteStartElement("Override", "http://schemas.openxmlformats.org/package/2006/content-types");
        xml.WriteAttributeString("PartName", part);
        xml.WriteAttributeString("ContentType", contentType);
        xml.WriteEndElement();
    }
}
