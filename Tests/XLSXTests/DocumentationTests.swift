import Foundation
import Testing

import XLSX

/// The example of XLSX.docc/XLSX.md, kept compiling and running (STYLE.md §4: examples in docs
/// must compile). Only the path differs.
@Suite struct DocumentationTests {
  @Test func overviewExampleRuns() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let path = dir.file("funder.xlsx")

    let workbook = try Workbook(path: path)
    workbook.properties = DocumentProperties(title: "Quarterly funder workbook", author: "Backbone")

    let summary = try workbook.addWorksheet("Summary")
    let title = try workbook.format(CellStyle(isBold: true, horizontalAlignment: .center))
    let percent = try workbook.format(CellStyle(numberFormat: "0.0%"))
    let improving = try workbook.format(CellStyle(fontColor: Color(rgb: 0x004D40), fill: Color(rgb: 0xB2DFDB)))

    try summary.merge(CellRange(rows: 0...0, columns: 0...2), text: "Indicator status, 2026 Q3", format: title)
    try summary.write("Screening coverage", row: 1, column: 0)
    try summary.write(0.734, row: 1, column: 1, format: percent)
    try summary.write("Improving", row: 1, column: 2)
    try summary.addConditionalFormat(.textEquals("Improving", format: improving), to: CellRange(rows: 1...9, columns: 2...2))
    try summary.freezePanes(rows: 1)

    try workbook.close()
    #expect(try unzipPart(path, "xl/worksheets/sheet1.xml").contains("<mergeCell ref=\"A1:C1\"/>"))
  }
}
