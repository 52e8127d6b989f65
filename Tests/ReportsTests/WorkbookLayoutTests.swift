import Foundation
import Testing

@testable import Reports

@Suite struct WorkbookLayoutTests {
  static let templates = packageRoot + "/templates"

  /// The bundled layouts load, and each names the fields its comment promises (read by hand
  /// from templates/workbook-*.yaml).
  @Test(arguments: [
    ("iptt", 19, WorkbookLayout.Rows.headline, WorkbookField.actualQ1),
    ("logframe", 15, .headline, .targetStatus),
    ("indicators", 19, .all, .latestLower),
  ])
  func bundledLayoutsLoad(_ name: String, _ count: Int, _ rows: WorkbookLayout.Rows, _ field: WorkbookField) throws {
    let layout = try WorkbookLayout.named(name, templatesDirectory: Self.templates)
    #expect(layout.columns.count == count)
    #expect(layout.rows == rows)
    #expect(layout.columns.contains { $0.field == field })
    #expect(layout.file == "\(Self.templates)/workbook-\(name).yaml")
  }

  /// The IPTT's quarter columns are the four quarters in order, with "{quarter}" headers.
  @Test func ipttHasTheFourQuarters() throws {
    let layout = try WorkbookLayout.named("iptt", templatesDirectory: Self.templates)
    let quarters = layout.columns.filter { $0.field.quarter != nil }
    #expect(quarters.map(\.field) == [.actualQ1, .actualQ2, .actualQ3, .actualQ4])
    #expect(quarters.allSatisfy { $0.header == "Actual {quarter}" })
    #expect(layout.columns.first { $0.field == .percentAchieved }?.numberFormat == "0%")
  }

  /// A bare field name takes the field's defaults.
  @Test func bareFieldTakesDefaults() throws {
    let layout = try WorkbookLayout.parse("columns:\n  - trend-p-value\n", file: "t.yaml")
    #expect(layout.columns == [WorkbookLayout.Column(field: .trendPValue, header: "Trend p-value", width: 13)])
    #expect(layout.name == "t")
    #expect(layout.rows == .headline)
  }

  /// Mistakes, each with the 1-based line and column counted by hand in the text, and the
  /// suggestion `Spelling` gives (edit distance 1 or 2).
  @Test(
    arguments: [
      // Line 3: "  - {field: indicater, header: X}"; "indicater" starts at column 13.
      (
        "name: T\ncolumns:\n  - {field: indicater, header: X}\n", 3, 13,
        "unknown field \"indicater\" in a workbook layout column", "did you mean \"indicator\"?"
      ),
      // Line 2: "  - lastest-value" at column 5.
      ("columns:\n  - lastest-value\n", 2, 5, "unknown field \"lastest-value\"", "did you mean \"latest-value\"?"),
      // Line 2: "  - {feild: status}"; the key starts at column 6.
      (
        "columns:\n  - {feild: status}\n", 2, 6, "unknown key \"feild\" in a workbook layout column",
        "did you mean \"field\"?"
      ),
      // Line 1: "colums:" at column 1.
      ("colums:\n  - status\n", 1, 1, "unknown key \"colums\" in a workbook layout", "did you mean \"columns\"?"),
      // Line 1: "rows: headlines", the value at column 7.
      ("rows: headlines\ncolumns: [status]\n", 1, 7, "\"rows\" must be headline or all", "did you mean \"headline\"?"),
      // Line 2: "  - {field: status, width: wide}", the value at column 28.
      ("columns:\n  - {field: status, width: wide}\n", 2, 28, "\"width\" must be a number", nil),
    ] as [(String, Int, Int, String, String?)])
  func mistakesArePlaced(_ yaml: String, _ line: Int, _ column: Int, _ message: String, _ hint: String?) {
    do {
      _ = try WorkbookLayout.parse(yaml, file: "funder.yaml")
      Issue.record("expected an error")
    } catch {
      guard case .report(let file, let l, let c, let m, let h, let kind) = error else {
        Issue.record("unexpected \(error)")
        return
      }
      #expect(file == "funder.yaml")
      #expect(l == line)
      #expect(c == column)
      #expect(m.hasPrefix(message), "\(m)")
      if let hint { #expect(h?.hasPrefix(hint) == true, "\(h ?? "no hint")") }
      #expect(kind == .invalid)
      #expect(error.description.hasPrefix("funder.yaml:\(line):\(column): error: "))
    }
  }

  /// An unknown layout name is a missing file, with the layouts there and the nearest one.
  @Test func unknownNameSuggests() {
    do {
      _ = try WorkbookLayout.named("ipt", templatesDirectory: Self.templates)
      Issue.record("expected an error")
    } catch {
      guard case .report(_, _, _, let m, let h, let kind) = error else { return }
      #expect(kind == .missing)
      #expect(m == "no workbook layout named \"ipt\"")
      #expect(h == "did you mean \"iptt\"? layouts: indicators, iptt, logframe")
    }
  }

  /// A layout file that is not there is `.missing`.
  @Test func missingFile() {
    #expect {
      try WorkbookLayout.load(path: "/nonexistent/layout.yaml")
    } throws: { error in
      guard let e = error as? ReportError, case .report(_, _, _, _, _, .missing) = e else { return false }
      return true
    }
  }
}
