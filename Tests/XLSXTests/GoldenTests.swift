import Foundation
import Testing

@testable import XLSX

/// Compares every XML part of each sample workbook with the golden parts in
/// Snapshots/<sample>/, which Python's XlsxWriter 3.0.2 wrote from the same calls
/// (Snapshots/make_goldens.py; the band sample's combined chart is its `chart.combine()`).
/// The dates of docProps/core.xml are blanked on both sides, as XlsxWriter's own comparison
/// tests do.
///
/// `RECORD_GOLDEN=1` replaces the golden parts with this wrapper's output instead; review the
/// diff, since the files then no longer come from the peer.
@Suite(.enabled(if: Tools.hasUnzip, "unzip is not installed: the golden XLSX tests are skipped"))
struct GoldenTests {
  static let snapshots = testsFolder.appendingPathComponent("Snapshots")

  /// The golden parts of a sample: part name → text.
  func goldenParts(_ sample: Sample) throws -> [String: String] {
    let folder = Self.snapshots.appendingPathComponent(sample.rawValue)
    guard let walker = FileManager.default.enumerator(atPath: folder.path) else { return [:] }
    var parts: [String: String] = [:]
    for case let name as String in walker {
      var isDirectory: ObjCBool = false
      let url = folder.appendingPathComponent(name)
      guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue else {
        continue
      }
      parts[name] = try String(contentsOf: url, encoding: .utf8)
    }
    return parts
  }

  func record(_ parts: [String: String], for sample: Sample) throws {
    let folder = Self.snapshots.appendingPathComponent(sample.rawValue)
    try? FileManager.default.removeItem(at: folder)
    for (name, text) in parts {
      let url = folder.appendingPathComponent(name)
      try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try text.write(to: url, atomically: true, encoding: .utf8)
    }
  }

  @Test(arguments: Sample.available)
  func partsMatchXlsxWriter(_ sample: Sample) throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let path = dir.file("\(sample.rawValue).xlsx")
    try sample.write(to: path)
    let produced = try unzipParts(path)
    if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" {
      try record(produced, for: sample)
      return
    }
    let golden = try goldenParts(sample)
    try #require(!golden.isEmpty, "no golden parts in Snapshots/\(sample.rawValue); run Snapshots/make_goldens.py")
    #expect(Set(produced.keys) == Set(golden.keys), "the workbook's parts differ from the golden parts")
    for name in produced.keys.sorted() {
      guard let expected = golden[name], let actual = produced[name] else { continue }
      let a = normalised(actual, name: name)
      let e = normalised(expected, name: name)
      if a != e { Issue.record("\(sample.rawValue): \(name) differs from the golden part\n\(firstDifference(a, e))") }
    }
  }

  /// The combined chart of the band sample, read from the part this wrapper wrote: one plot
  /// area holding a stacked `<c:areaChart>` and then a `<c:lineChart>`, both on the axis ids
  /// that the one category axis and the one value axis declare (which is what makes Excel
  /// draw them on the same axes: ECMA-376 Part 1, §21.2.2 `axId`, `crossAx`), the series
  /// numbered on from one chart to the other, and the lower limit's legend entry deleted.
  @Test(.enabled(if: Chart.canCombine, "combined charts need libxlsxwriter 1.1.4's chart layout: skipped"))
  func bandChartSharesItsAxes() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let path = dir.file("band.xlsx")
    try Sample.band.write(to: path)
    let xml = try unzipPart(path, "xl/charts/chart1.xml")
    func element(_ name: String) -> Substring? {
      guard let open = xml.range(of: "<c:\(name)>"), let close = xml.range(of: "</c:\(name)>") else { return nil }
      return xml[open.lowerBound..<close.upperBound]
    }
    func values(_ tag: String, in text: Substring) -> [String] {
      text.components(separatedBy: "<c:\(tag) val=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
    }
    let area = try #require(element("areaChart"), "no <c:areaChart>")
    let line = try #require(element("lineChart"), "no <c:lineChart>")
    let categoryAxis = try #require(element("catAx"))
    let valueAxis = try #require(element("valAx"))
    #expect(area.contains("<c:grouping val=\"stacked\"/>"))
    #expect(area.endIndex <= line.startIndex, "the area chart comes first, under the lines")
    #expect(xml.components(separatedBy: "<c:plotArea>").count == 2)
    let axes = values("axId", in: area)
    #expect(axes.count == 2)
    #expect(values("axId", in: line) == axes)
    #expect(values("axId", in: categoryAxis) == [axes[0]] && values("crossAx", in: categoryAxis) == [axes[1]])
    #expect(values("axId", in: valueAxis) == [axes[1]] && values("crossAx", in: valueAxis) == [axes[0]])
    #expect(values("idx", in: area) == ["0", "1"] && values("idx", in: line) == ["2", "3"])
    #expect(xml.contains("<c:legendEntry><c:idx val=\"0\"/><c:delete val=\"1\"/></c:legendEntry>"))
    // The band's second series: 77AADD at 60% transparency is an alpha of 40%.
    #expect(area.contains("<a:srgbClr val=\"77AADD\"><a:alpha val=\"40000\"/></a:srgbClr>"))
  }

  /// Where two texts first differ, with some context, for a readable failure.
  func firstDifference(_ a: String, _ b: String) -> String {
    let x = Array(a.utf8)
    let y = Array(b.utf8)
    var i = 0
    while i < x.count && i < y.count && x[i] == y[i] { i += 1 }
    let from = max(0, i - 80)
    func around(_ bytes: [UInt8]) -> String { String(decoding: bytes[from..<min(bytes.count, i + 120)], as: UTF8.self) }
    return "at byte \(i):\n  produced: …\(around(x))…\n  golden:   …\(around(y))…"
  }
}
