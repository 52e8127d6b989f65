import Foundation
import Testing

@testable import Reports
import XLSX

/// How the Trends sheet draws an interval: a band (a stacked area chart of the lower limit and
/// the width, with the line chart of the values and the target combined into it) when every
/// period has both limits, dashed limit lines when only some have, nothing when none has.
@Suite struct TrendChartTests {
  /// The SA_MMR1 headline of the service-access model with the limits of each period set from
  /// `limits` (`nil`: none).
  static func series(_ limits: [(Double, Double)?]) throws -> SeriesReport {
    let model = try serviceAccessModel()
    var series = try #require(model.indicators.first { $0.id == "SA_MMR1" }?.headline)
    try #require(series.points.count == limits.count)
    for (k, limit) in limits.enumerated() {
      series.points[k].lower = limit?.0
      series.points[k].upper = limit?.1
    }
    return series
  }

  /// Six periods (SA_MMR1 has 2018/19 to 2023/24): which limits each has, whether the wrapper
  /// can combine charts, and the drawing expected.
  @Test(arguments: [
    ([(Double, Double)?](repeating: (1, 2), count: 6), true, SheetContext.IntervalDrawing.band),
    ([(Double, Double)?](repeating: (1, 2), count: 6), false, .lines),
    ([(Double, Double)?](repeating: nil, count: 6), true, .none),
    ([nil] + [(Double, Double)?](repeating: (1, 2), count: 5), true, .lines),
    // A width of 0 still makes a band; a lower limit above the upper does not.
    ([(Double, Double)?](repeating: (2, 2), count: 6), true, .band),
    ([(2, 1)] + [(Double, Double)?](repeating: (1, 2), count: 5), true, .lines),
  ])
  func intervalDrawing(_ limits: [(Double, Double)?], _ canCombine: Bool, _ expected: SheetContext.IntervalDrawing)
    throws
  {
    let series = try Self.series(limits)
    #expect(SheetContext.intervalDrawing(series, canCombine: canCombine) == expected)
  }

  /// One limit alone is drawn (dashed) but has no width.
  @Test func oneLimitAloneHasNoWidth() throws {
    var series = try Self.series([(Double, Double)?](repeating: (1, 2), count: 6))
    series.points[2].upper = nil
    #expect(SheetContext.intervalDrawing(series, canCombine: true) == .lines)
    #expect(SheetContext.intervalWidth(series.points[2]) == nil)
    // 2 − 1, by hand.
    #expect(SheetContext.intervalWidth(series.points[3]) == 1)
  }

  /// The chart parts of the workbook of `serviceAccessModelWithIntervals()`, found by the title
  /// each caches: SA_MMR1 (a limit at every period) has the band, SA_DNA_RATE (limits from its
  /// second period) dashed limit lines, SA_CLINICS (none) only its values.
  @Test(
    .enabled(if: ExternalTools.hasUnzip, "unzip is not installed: skipped"),
    .enabled(if: Chart.canCombine, "combined charts need libxlsxwriter 1.1.4's chart layout: skipped"))
  func chartsDrawTheInterval() throws {
    let dir = try TemporaryFolder()
    defer { dir.remove() }
    let path = dir.file("funder.xlsx")
    let model = try serviceAccessWorkbook(to: path, withIntervals: true)
    let charts = try xlsxParts(path).filter { $0.key.hasPrefix("xl/charts/") }.map(\.value)
    #expect(charts.count == model.headlines.count)
    func chart(_ id: String) throws -> String {
      let indicator = try #require(model.indicators.first { $0.id == id })
      let title = indicator.title + (indicator.headline?.area.map { " · " + $0.display } ?? "")
      let found = charts.filter { $0.contains("<c:v>\(title)</c:v>") }
      try #require(found.count == 1, "\(found.count) charts titled \(title)")
      return found[0]
    }
    func element(_ name: String, in xml: String) -> Substring? {
      guard let open = xml.range(of: "<c:\(name)>"), let close = xml.range(of: "</c:\(name)>") else { return nil }
      return xml[open.lowerBound..<close.upperBound]
    }
    func formulas(_ text: Substring) -> [String] {
      text.components(separatedBy: "<c:val><c:numRef><c:f>").dropFirst().map { String($0.prefix { $0 != "<" }) }
    }
    func columns(_ text: Substring) -> [String] {
      formulas(text).map { String($0.dropFirst("Trends!$".count).prefix { $0 != "$" }) }
    }

    let mmr = try chart("SA_MMR1")
    let area = try #require(element("areaChart", in: mmr), "SA_MMR1 has no band")
    let lines = try #require(element("lineChart", in: mmr))
    #expect(area.contains("<c:grouping val=\"stacked\"/>"))
    // The band: the lower limit (column C), unfilled and outlined by nothing, then the width
    // (column E), named "95% interval", light blue at 60% transparency (an alpha of 40%).
    #expect(columns(area) == ["C", "E"])
    #expect(area.contains("<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>"))
    #expect(area.contains("<c:tx><c:v>95% interval</c:v></c:tx>"))
    #expect(area.contains("<a:srgbClr val=\"77AADD\"><a:alpha val=\"40000\"/></a:srgbClr>"))
    // Over it, the values (B) and the target (F), on the same axes; no dashed limit lines.
    #expect(columns(lines) == ["B", "F"])
    let axes = { (text: Substring) in text.components(separatedBy: "<c:axId val=\"").dropFirst().map { $0.prefix(8) } }
    #expect(axes(area) == axes(lines))
    #expect(mmr.contains("<c:legendEntry><c:idx val=\"0\"/><c:delete val=\"1\"/></c:legendEntry>"))

    let dna = try chart("SA_DNA_RATE")
    #expect(element("areaChart", in: dna) == nil)
    #expect(columns(try #require(element("lineChart", in: dna))) == ["B", "C", "D"])
    #expect(!dna.contains("<c:legendEntry>"))

    let clinics = try chart("SA_CLINICS")
    #expect(element("areaChart", in: clinics) == nil)
    #expect(columns(try #require(element("lineChart", in: clinics))) == ["B"])
  }
}
