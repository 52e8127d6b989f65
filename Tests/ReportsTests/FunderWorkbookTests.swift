import Columnar
import Foundation
import Indicators
import Testing

@testable import Reports

/// The funder workbook of the service-access example (tests/ReportBuilderTests'
/// `serviceAccessModel`), written with the IPTT layout.
func serviceAccessWorkbook(
  to path: String, layout name: String = "iptt", constantMemory: Bool? = nil, withIntervals: Bool = false
) throws -> ReportModel {
  let model = withIntervals ? try serviceAccessModelWithIntervals() : try serviceAccessModel()
  let layout = try WorkbookLayout.named(name, templatesDirectory: packageRoot + "/templates")
  try FunderWorkbook.write(model, layout: layout, to: path, constantMemory: constantMemory)
  return model
}

/// The service-access model with 95% limits put on two headline series by hand, since the
/// fixture publishes none: SA_MMR1 gets `value − 1.5` and `value + 1.2` at every period (a
/// complete interval, drawn as a band; asymmetric, as the limits of a proportion near 100%
/// are), SA_DNA_RATE the same at every period but its first (a partial interval, drawn as dashed
/// lines). The latest and baseline points, which are copies, get the same limits.
func serviceAccessModelWithIntervals() throws -> ReportModel {
  var model = try serviceAccessModel()
  func withLimits(_ p: SeriesPoint) -> SeriesPoint {
    var p = p
    p.lower = p.value.map { $0 - 1.5 }
    p.upper = p.value.map { $0 + 1.2 }
    return p
  }
  for i in model.indicators.indices {
    let skip: Int
    switch model.indicators[i].id {
    case "SA_MMR1": skip = 0
    case "SA_DNA_RATE": skip = 1
    default: continue
    }
    for j in model.indicators[i].series.indices where model.indicators[i].series[j].isHeadline {
      var series = model.indicators[i].series[j]
      for k in series.points.indices.dropFirst(skip) { series.points[k] = withLimits(series.points[k]) }
      let limited = Dictionary(series.points.map { ($0.period, $0) }, uniquingKeysWith: { a, _ in a })
      series.latest = series.latest.flatMap { limited[$0.period] }
      series.baseline = series.baseline.flatMap { limited[$0.period] }
      model.indicators[i].series[j] = series
    }
  }
  return model
}

@Suite struct FunderWorkbookTests {
  static let snapshots = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")

  // MARK: Golden parts

  /// Every XML part of the service-access workbook against the reviewed parts in
  /// Snapshots/funderWorkbook/. The model's generation time (1,700,000,000 s) is the document's
  /// creation time, so no part is volatile; trailing white space is dropped, as in XLSXTests.
  /// `RECORD_GOLDEN=1` rewrites the parts: review the diff.
  @Test(.enabled(if: ExternalTools.hasUnzip, "unzip is not installed: the golden workbook test is skipped"))
  func partsMatchGolden() throws {
    let dir = try TemporaryFolder()
    defer { dir.remove() }
    let path = dir.file("funder.xlsx")
    _ = try serviceAccessWorkbook(to: path)
    // The checkout's location is in the paths of the inputs and definitions: not part of the
    // golden.
    let produced = try xlsxParts(path).mapValues { $0.replacingOccurrences(of: packageRoot, with: "ROOT") }
    let folder = Self.snapshots.appendingPathComponent("funderWorkbook")
    if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" {
      try? FileManager.default.removeItem(at: folder)
      for (name, text) in produced {
        let url = folder.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
      }
      return
    }
    var golden: [String: String] = [:]
    if let walker = FileManager.default.enumerator(atPath: folder.path) {
      for case let name as String in walker {
        var isDirectory: ObjCBool = false
        let url = folder.appendingPathComponent(name)
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue {
          golden[name] = try String(contentsOf: url, encoding: .utf8)
        }
      }
    }
    try #require(!golden.isEmpty, "no golden parts in Snapshots/funderWorkbook; run with RECORD_GOLDEN=1 and review")
    #expect(Set(produced.keys) == Set(golden.keys))
    for name in produced.keys.sorted() {
      guard let e = golden[name], let a = produced[name] else { continue }
      let actual = a.trimmingCharacters(in: .whitespacesAndNewlines)
      let expected = e.trimmingCharacters(in: .whitespacesAndNewlines)
      if actual != expected {
        Issue.record("\(name) differs from Snapshots/funderWorkbook/\(name)\n\(firstDifference(actual, expected))")
      }
    }
  }

  func firstDifference(_ a: String, _ b: String) -> String {
    let x = Array(a.utf8)
    let y = Array(b.utf8)
    var i = 0
    while i < x.count && i < y.count && x[i] == y[i] { i += 1 }
    let from = max(0, i - 80)
    func around(_ bytes: [UInt8]) -> String { String(decoding: bytes[from..<min(bytes.count, i + 120)], as: UTF8.self) }
    return "at byte \(i):\n  produced: …\(around(x))…\n  golden:   …\(around(y))…"
  }

  // MARK: Same inputs, same bytes

  /// Two writes of the same model give the same bytes, in both memory modes.
  @Test(arguments: [false, true])
  func sameModelSameBytes(_ constantMemory: Bool) throws {
    let dir = try TemporaryFolder()
    defer { dir.remove() }
    _ = try serviceAccessWorkbook(to: dir.file("a.xlsx"), constantMemory: constantMemory)
    _ = try serviceAccessWorkbook(to: dir.file("b.xlsx"), constantMemory: constantMemory)
    let a = try Data(contentsOf: dir.url.appendingPathComponent("a.xlsx"))
    let b = try Data(contentsOf: dir.url.appendingPathComponent("b.xlsx"))
    #expect(a.count > 10_000)
    #expect(a == b)
  }

  // MARK: Errors

  /// A missing directory is `.cannotWrite`, named by the path as given, and leaves nothing.
  @Test func unwritableDirectory() throws {
    let model = try serviceAccessModel()
    let layout = try WorkbookLayout.named("iptt", templatesDirectory: packageRoot + "/templates")
    let path = "/nonexistent-backbone-dir/funder.xlsx"
    do {
      try FunderWorkbook.write(model, layout: layout, to: path)
      Issue.record("expected an error")
    } catch {
      guard case .report(let file, _, _, _, _, let kind) = error else {
        Issue.record("unexpected \(error)")
        return
      }
      #expect(file == path)
      #expect(kind == .cannotWrite)
    }
    #expect(!FileManager.default.fileExists(atPath: path))
  }
}

/// Which sheets a model gets, and the rows of the Tracking and Changes sheets, read back with
/// openpyxl.
@Suite(.enabled(if: ExternalTools.openpyxlPython != nil, "openpyxl (python3-openpyxl) is not installed; skipped"))
struct WorkbookSheetTests {
  /// Sheet names and the last row of Tracking and Changes, per file.
  func shape(_ paths: [String]) throws -> [String: (sheets: [String], tracking: Int, changes: Int?)] {
    let script = """
      import json, sys, openpyxl
      out = {}
      for path in sys.argv[1:]:
          wb = openpyxl.load_workbook(path)
          out[path] = [wb.sheetnames, wb["Tracking"].max_row, wb["Changes"].max_row if "Changes" in wb.sheetnames else None]
      json.dump(out, sys.stdout)
      """
    let python = try #require(ExternalTools.openpyxlPython)
    let result = try runProgram([python, "-c", script] + paths)
    try #require(result.status == 0, "openpyxl failed: \(result.stderr)")
    let json = try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [String: [Any]])
    return json.mapValues { ($0[0] as? [String] ?? [], $0[1] as? Int ?? -1, $0[2] as? Int) }
  }

  /// Without a chain there is no Results chain sheet; with changes there is a Changes sheet with
  /// a header on row 3 and one row per change; `rows: all` gives every series a Tracking row and
  /// `rows: headline` one per headline series (the header is row 4).
  @Test func sheetsFollowTheModel() throws {
    let dir = try TemporaryFolder()
    defer { dir.remove() }
    var model = try serviceAccessModel()
    let templates = packageRoot + "/templates"
    let full = dir.file("full.xlsx")
    try FunderWorkbook.write(
      model, layout: try WorkbookLayout.named("indicators", templatesDirectory: templates), to: full)
    model.chain = nil
    model.changes = [
      ChangeNote(kind: .newPeriod, subject: "SA_CLINICS", period: "2023/24 Q4", after: "82", text: "A new quarter."),
      ChangeNote(
        kind: .statusChanged, subject: "SA_MMR1", before: "improving", after: "no significant change", text: "x"),
    ]
    let changed = dir.file("changed.xlsx")
    try FunderWorkbook.write(
      model, layout: try WorkbookLayout.named("logframe", templatesDirectory: templates), to: changed)
    model.changes = []
    let unchanged = dir.file("unchanged.xlsx")
    try FunderWorkbook.write(
      model, layout: try WorkbookLayout.named("iptt", templatesDirectory: templates), to: unchanged)

    let shapes = try shape([full, changed, unchanged])
    let allSeries = model.indicators.reduce(0) { $0 + $1.series.count }
    #expect(
      shapes[full]?.sheets == ["Summary", "Tracking", "Results chain", "Trends", "Inequalities", "Data", "Methods"])
    #expect(shapes[full]?.tracking == 4 + allSeries)
    #expect(shapes[changed]?.sheets == ["Summary", "Tracking", "Trends", "Inequalities", "Changes", "Data", "Methods"])
    #expect(shapes[changed]?.tracking == 4 + model.headlines.count)
    #expect(shapes[changed]?.changes == 3 + 2)
    // No changes: the sheet says so on row 3.
    #expect(shapes[unchanged]?.changes == 3)
    let cells = try openpyxlCells([changed, unchanged])
    #expect(cells[changed]?["Changes"]?["A4"]?.last as? String == "new period")
    #expect(cells[changed]?["Changes"]?["F5"]?.last as? String == "no significant change")
    #expect(cells[unchanged]?["Changes"]?["A3"]?.last as? String == "Nothing changed since the last run.")
  }

  /// The memory mode follows the number of Data rows.
  @Test func constantMemoryAboveTheLimit() {
    #expect(!FunderWorkbook.usesConstantMemory(dataRows: FunderWorkbook.tableRowLimit))
    #expect(FunderWorkbook.usesConstantMemory(dataRows: FunderWorkbook.tableRowLimit + 1))
  }
}
