import CXlsxWriter
import Foundation
import Testing

/// Proves the system library links and works: write a small workbook with libxlsxwriter, then
/// read its XML parts back with `unzip -p`.
@Suite struct CXlsxWriterTests {
  func unzip(_ file: String, _ part: String) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["unzip", "-p", file, part]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    try #require(process.terminationStatus == 0, "unzip -p \(file) \(part) failed")
    return String(decoding: data, as: UTF8.self)
  }

  @Test func writesAWorkbookThatUnzips() throws {
    #expect(cxlsxwriter_version_id() >= 100)
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bb-xlsx-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("small.xlsx").path

    let workbook = try #require(workbook_new(path))
    let sheet = try #require(workbook_add_worksheet(workbook, "Indicators"))
    #expect(worksheet_write_string(sheet, 0, 0, "Life expectancy", nil) == LXW_NO_ERROR)
    #expect(worksheet_write_number(sheet, 0, 1, 79.5, nil) == LXW_NO_ERROR)
    #expect(worksheet_write_number(sheet, 1, 1, 12, nil) == LXW_NO_ERROR)
    var properties = lxw_doc_properties()
    properties.created = 1_700_000_000  // fixed, so the bytes are reproducible
    #expect(workbook_set_properties(workbook, &properties) == LXW_NO_ERROR)
    #expect(workbook_close(workbook) == LXW_NO_ERROR)

    let sheetXML = try unzip(path, "xl/worksheets/sheet1.xml")
    #expect(sheetXML.contains(#"<c r="B1"><v>79.5</v></c>"#))
    #expect(sheetXML.contains(#"<c r="B2"><v>12</v></c>"#))
    #expect(sheetXML.contains(#"<c r="A1" t="s"><v>0</v></c>"#))
    let strings = try unzip(path, "xl/sharedStrings.xml")
    #expect(strings.contains("<t>Life expectancy</t>"))
    let workbookXML = try unzip(path, "xl/workbook.xml")
    #expect(workbookXML.contains(#"<sheet name="Indicators""#))
    let core = try unzip(path, "docProps/core.xml")
    #expect(core.contains("2023-11-14T22:13:20Z"))
  }

  @Test func unwritablePathFailsAtClose() throws {
    // libxlsxwriter reports an unwritable path only when closing (see STYLE.md §7).
    let workbook = try #require(workbook_new("/nonexistent-dir/x.xlsx"))
    _ = workbook_add_worksheet(workbook, nil)
    #expect(workbook_close(workbook) != LXW_NO_ERROR)
  }
}
